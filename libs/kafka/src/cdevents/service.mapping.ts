import { CdEvent } from './cdevent';
import { factFields, recordOfTexts, withoutAbsent } from './fact-fields';
import type { FactOf } from '@provenance/facts';
import { purlOf, sha256Of } from './purl';

export type ServicePredicate = 'deployed' | 'upgraded' | 'rolledback';

/**
 * `service.deployed`, `service.upgraded`, `service.rolledback` → a deployment and its result.
 * Each says, in the past tense, that the service now runs `subject.content.artifactId` in
 * `subject.content.environment`: the deployment happened and finished (a rollback is a
 * deployment of the earlier image), and CDEvents has no event for one that failed. So the
 * result, `succeeded` at the event's time, is recorded too; without it the API would keep the
 * deployment open, with no finish time, for ever.
 *
 * The deployment's id is the CDEvent's `context.id` (unique per event, so a redelivered event
 * repeats rather than duplicates), unless `customData.deploymentId` names the deploy tool's own.
 * The start is the event's time unless `customData.startedAt` says when it began: the event marks
 * the finish, and the image runs from then at the latest.
 */
export function deploymentFromService(predicate: ServicePredicate) {
  return (event: CdEvent): [FactOf<'deployment'>, FactOf<'deployment-result'>] => {
    const eventName = `service.${predicate}`;
    const fields = factFields(event, eventName);
    const artifactId = fields.text('subject.content.artifactId', 'the image the service now runs, e.g. pkg:oci/<name>@sha256%3A<64 hex digits>');
    const purl = purlOf(artifactId);
    const sha256 = purl && sha256Of(purl);
    if (artifactId && !sha256) {
      fields.problem(
        `subject.content.artifactId must be a purl that pins the image's sha256 for ${eventName} (pkg:oci/<name>@sha256%3A<64 hex digits> or ?checksum=sha256:<64 hex digits>), got ${JSON.stringify(artifactId)}`,
      );
    }
    const configRevision = fields.optional('customData.configRevision', 'the configuration deployed with the image', recordOfTexts('repository', 'sha'));
    const deploymentId = fields.optionalText('customData.deploymentId', "the deploy tool's id for this deployment") ?? event.context.id;
    const deployment: FactOf<'deployment'> = withoutAbsent({
      type: 'deployment',
      deploymentId,
      environment: fields.text('subject.content.environment.id', 'the environment deployed to, e.g. site'),
      imageDigest: `sha256:${sha256 ?? ''}`,
      nodes: fields.texts('customData.nodes', 'the nodes the image was deployed to, at least one, e.g. ["m000", "m001"]'),
      configRevision: configRevision && { repository: configRevision.repository, sha: configRevision.sha },
      startedAt: fields.optionalText('customData.startedAt', 'when the deployment began') ?? event.context.timestamp,
      by: fields.optionalText('customData.by', 'who deployed'),
    });
    fields.done();
    return [deployment, { type: 'deployment-result', deploymentId, outcome: 'succeeded', finishedAt: event.context.timestamp }];
  };
}
