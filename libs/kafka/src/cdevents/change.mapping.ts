import { CdEvent } from './cdevent';
import { factFields, withoutAbsent } from './fact-fields';
import type { FactOf } from '@provenance/facts';

/**
 * `change.merged` → commit. A CDEvents change is a change request (a pull request), so the
 * commit the merge made is not in the standard fields: its sha, parents, author and message come
 * from `customData`. The merge made the commit, so its time is the event's time.
 */
export function commitFromChangeMerged(event: CdEvent): FactOf<'commit'>[] {
  const fields = factFields(event, 'change.merged');
  const commit: FactOf<'commit'> = withoutAbsent({
    type: 'commit',
    repository: fields.text('subject.content.repository.id', 'the repository the change was merged into, e.g. ska-sa/katcomp'),
    sha: fields.text('customData.sha', 'the full git sha of the commit the merge made'),
    parents: fields.texts('customData.parents', "the full git shas of that commit's parents"),
    branch: fields.optionalText('customData.branch', 'the branch the change was merged into'),
    author: fields.text('customData.author', "the commit's author, e.g. Thandi Nkosi <tnkosi@ska.ac.za>"),
    message: fields.text('customData.message', "the commit's message"),
    committedAt: event.context.timestamp,
  });
  fields.done();
  return [commit];
}
