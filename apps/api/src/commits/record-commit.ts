import { type CommitDto, instant } from '@provenance/facts';
import { commitDecider, commitStreamId } from '@provenance/domain';
import { RecordFactCommand, RecordingContext } from '@provenance/recording';

export function recordCommit(body: CommitDto, context: RecordingContext): RecordFactCommand {
  const fact = {
    repository: body.repository,
    sha: body.sha,
    parents: body.parents,
    branch: body.branch ?? null,
    author: body.author,
    message: body.message,
    committedAt: instant(body.committedAt),
  };
  return new RecordFactCommand(commitStreamId(fact.repository, fact.sha), commitDecider, { type: 'RecordCommit', fact }, context, { expectNewStream: true });
}
