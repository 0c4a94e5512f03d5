import { CdEvent } from './cdevent';
import { factFields, withoutAbsent } from './fact-fields';
import type { FactOf } from '@provenance/facts';
import { purlOf, sha256Of } from './purl';

const IMAGE_PURL = 'pkg:generic/<file>?checksum=sha256:<64 hex digits> or pkg:oci/<name>@sha256%3A<64 hex digits>';

/** `artifact.packaged` → image: packaging is the bake, so the event's time is the bake time. */
export function imageFromArtifactPackaged(event: CdEvent): FactOf<'image'>[] {
  return imageFrom(event, 'packaged');
}

/**
 * `artifact.published` → image. Publishing comes after the bake and the image fact is recorded
 * once per digest, so the bake time must come from `customData.bakedAt`: the event's own time
 * would differ from a packaged event's and the API would refuse the second as a conflict.
 */
export function imageFromArtifactPublished(event: CdEvent): FactOf<'image'>[] {
  return imageFrom(event, 'published');
}

/**
 * The artifact is the image: `subject.id` is its purl, pinning the image's sha256 either as an
 * OCI digest or as a `checksum` qualifier, and naming the baked file (`file_name` qualifier, else
 * the purl's name). The pinned set it was baked from is not a CDEvents notion: `customData`.
 */
function imageFrom(event: CdEvent, predicate: 'packaged' | 'published'): FactOf<'image'>[] {
  const eventName = `artifact.${predicate}`;
  const fields = factFields(event, eventName);
  const purl = purlOf(event.subject.id);
  const sha256 = purl && sha256Of(purl);
  if (!sha256) {
    fields.problem(`subject.id must be a purl that pins the image's sha256 for ${eventName} (${IMAGE_PURL}), got ${JSON.stringify(event.subject.id)}`);
  }
  const bakedAtWhat = 'when the image was baked, e.g. 2026-11-25T03:15:00Z';
  const bakedAt =
    predicate === 'packaged' ? (fields.optionalText('customData.bakedAt', bakedAtWhat) ?? event.context.timestamp) : fields.text('customData.bakedAt', bakedAtWhat);
  const image: FactOf<'image'> = withoutAbsent({
    type: 'image',
    digest: `sha256:${sha256 ?? ''}`,
    name: purl?.qualifiers.file_name ?? purl?.name ?? '',
    pinnedSetId: fields.text('customData.pinnedSetId', 'the id of the pinned set the image was baked from, as sha256:<64 hex digits>'),
    builderId: fields.optionalText('customData.builderId', 'the machine or agent that baked the image'),
    buildUrl: fields.optionalText('customData.buildUrl', "the bake's page on the CI server"),
    bakedAt,
    requestId: fields.optionalText('customData.requestId', 'the pipeline request this image answers'),
  });
  fields.done();
  return [image];
}
