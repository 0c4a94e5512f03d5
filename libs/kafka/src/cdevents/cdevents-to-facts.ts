import { imageFromArtifactPackaged, imageFromArtifactPublished } from './artifact.mapping';
import { packageBuildFromBuildFinished } from './build.mapping';
import { CdEvent, cdEventOf, isRecord, malformed } from './cdevent';
import { CdEventMappingError, NotAFactError } from './cdevent-mapping.error';
import { commitFromChangeMerged } from './change.mapping';
import { cdEventInEnvelope } from './cloudevent-envelope';
import type { FactMessage } from '@provenance/facts';
import { deploymentFromService } from './service.mapping';
import { aqfRunFromTestSuiteRunFinished } from './testsuiterun.mapping';

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';
export const CDEVENTS_CONTENT_TYPE = 'application/cdevents+json';

type Mapping = { version: string; map: (event: CdEvent) => FactMessage[] };

/**
 * The CDEvents types recorded as facts, by `<subject>.<predicate>`, with the type version of
 * CDEvents v0.5.1 whose fields the mapping reads. Any patch of that version is read; another
 * minor version may have moved fields, so it is refused rather than misread.
 */
const MAPPINGS = new Map<string, Mapping>([
  ['change.merged', { version: '0.3', map: commitFromChangeMerged }],
  ['build.finished', { version: '0.3', map: packageBuildFromBuildFinished }],
  ['artifact.packaged', { version: '0.3', map: imageFromArtifactPackaged }],
  ['artifact.published', { version: '0.3', map: imageFromArtifactPublished }],
  ['testsuiterun.finished', { version: '0.3', map: aqfRunFromTestSuiteRunFinished }],
  ['service.deployed', { version: '0.3', map: deploymentFromService('deployed') }],
  ['service.upgraded', { version: '0.3', map: deploymentFromService('upgraded') }],
  ['service.rolledback', { version: '0.3', map: deploymentFromService('rolledback') }],
]);

export const MAPPED_CDEVENT_TYPES: readonly string[] = [...MAPPINGS].map(([name, { version }]) => `dev.cdevents.${name}.${version}.x`);

const CDEVENT_TYPE = /^dev\.cdevents\.([a-z]+\.[a-z]+)\.(\d+\.\d+)\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * The facts a Kafka message's value states, in the order to record them. `value` is the parsed
 * JSON; `contentType` is the message's content-type header: `application/cloudevents+json` for a
 * CloudEvents 1.0 structured envelope around the CDEvent, `application/cdevents+json` for a bare
 * CDEvent, absent or `application/json` to tell the two apart by shape.
 * Pure: the same message always gives the same facts or the same `CdEventMappingError`.
 */
export function factsFromCdEvent(value: unknown, contentType?: string): FactMessage[] {
  const event = cdEventOf(cdEventIn(value, contentType));
  const { type, id } = event.context;
  const [, name, version] = CDEVENT_TYPE.exec(type) ?? [];
  const mapping = name === undefined ? undefined : MAPPINGS.get(name);
  if (!mapping) throw new NotAFactError(type, MAPPED_CDEVENT_TYPES, id);
  if (version !== mapping.version) {
    throw new CdEventMappingError(
      'unsupported-version',
      [`${type} is not a version this service reads: it maps dev.cdevents.${name}.${mapping.version}.x (CDEvents v0.5.1)`],
      id,
    );
  }
  return mapping.map(event);
}

function cdEventIn(value: unknown, contentType: string | undefined): unknown {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  switch (mediaType) {
    case CLOUDEVENTS_CONTENT_TYPE:
      return cdEventInEnvelope(value);
    case CDEVENTS_CONTENT_TYPE:
      return value;
    case '':
    case 'application/json':
      return isRecord(value) && 'specversion' in value && !('context' in value) ? cdEventInEnvelope(value) : value;
    default:
      throw malformed([`content type ${contentType} is not a CDEvent: send ${CLOUDEVENTS_CONTENT_TYPE} (a CloudEvents structured envelope) or ${CDEVENTS_CONTENT_TYPE}`]);
  }
}
