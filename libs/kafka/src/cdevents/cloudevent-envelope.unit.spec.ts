import { CdEventMappingError } from './cdevent-mapping.error';
import { CDEVENTS_CONTENT_TYPE, CLOUDEVENTS_CONTENT_TYPE, factsFromCdEvent } from './cdevents-to-facts';
import { completeFixtures, fixture, inEnvelope, sample } from './cdevents.fixture';

const MAPPED_FIXTURES = Object.keys(completeFixtures);

function errorOf(mapping: () => unknown): CdEventMappingError {
  try {
    mapping();
  } catch (error) {
    if (error instanceof CdEventMappingError) return error;
    throw error;
  }
  throw new Error('mapped although it should have been refused');
}

/** The `malformed` problems mapping the value raises. */
function malformedProblems(value: unknown, contentType?: string): string[] {
  const error = errorOf(() => factsFromCdEvent(value, contentType));
  expect(error.kind).toBe('malformed');
  return error.problems;
}

describe('factsFromCdEvent, a CDEvent in a CloudEvents structured envelope', () => {
  it.each(MAPPED_FIXTURES)('given %s made complete, when it comes wrapped in an envelope, then it maps to the same facts as bare', (file) => {
    const event = completeFixtures[file]();
    expect(factsFromCdEvent(inEnvelope(event), CLOUDEVENTS_CONTENT_TYPE)).toEqual(factsFromCdEvent(event, CDEVENTS_CONTENT_TYPE));
  });

  it.each(MAPPED_FIXTURES)('given %s as it is, when it comes wrapped in an envelope, then it is refused with the same error as bare', (file) => {
    const event = fixture(file);
    const bare = errorOf(() => factsFromCdEvent(event, CDEVENTS_CONTENT_TYPE));
    expect(errorOf(() => factsFromCdEvent(inEnvelope(event), CLOUDEVENTS_CONTENT_TYPE))).toEqual(bare);
  });

  it('given no content type, when an envelope or a bare CDEvent arrives, then each is told apart by its shape', () => {
    const event = completeFixtures['service_deployed.json']();
    expect(factsFromCdEvent(inEnvelope(event))).toEqual(factsFromCdEvent(event));
    expect(factsFromCdEvent(inEnvelope(event), 'application/json; charset=utf-8')).toEqual(factsFromCdEvent(event, 'application/json'));
  });

  it.each([undefined, 'application/json', 'application/cdevents+json; charset=utf-8'])(
    'given the data content type %s, when the envelope is mapped, then the CDEvent inside is read',
    (datacontenttype) => {
      const event = completeFixtures['change_merged.json']();
      expect(factsFromCdEvent(inEnvelope(event, { datacontenttype }), 'application/cloudevents+json; charset=utf-8')).toHaveLength(1);
    },
  );

  describe('given a malformed envelope, when it is mapped, then it is refused saying what is wrong', () => {
    const event = () => completeFixtures['change_merged.json']();

    it('without an id, which the SDK would otherwise invent', () => {
      expect(malformedProblems(inEnvelope(event(), { id: undefined }), CLOUDEVENTS_CONTENT_TYPE)).toEqual(['id must be a non-empty string in a CloudEvents envelope']);
    });

    it('of another CloudEvents version', () => {
      expect(malformedProblems(inEnvelope(event(), { specversion: '0.3' }), CLOUDEVENTS_CONTENT_TYPE)).toEqual([
        'specversion must be "1.0" in a CloudEvents envelope, got "0.3"',
      ]);
    });

    it('whose data is not the CDEvent as JSON', () => {
      expect(malformedProblems(inEnvelope(event(), { data: JSON.stringify(event()) }), CLOUDEVENTS_CONTENT_TYPE)).toEqual([
        'data must be the CDEvent as a JSON object in a CloudEvents structured envelope',
      ]);
    });

    it('whose data is not JSON at all', () => {
      expect(malformedProblems(inEnvelope(event(), { datacontenttype: 'application/xml' }), CLOUDEVENTS_CONTENT_TYPE)).toEqual([
        'datacontenttype must be application/json or application/cdevents+json for a CDEvent, got "application/xml"',
      ]);
    });

    it('whose time is not a time, as the CloudEvents SDK finds', () => {
      expect(malformedProblems(inEnvelope(event(), { time: 'yesterday' }), CLOUDEVENTS_CONTENT_TYPE)).toEqual([
        'the CloudEvents envelope is invalid: invalid payload, /time must match format "date-time"',
      ]);
    });

    it('with an extension attribute CloudEvents does not allow, as the CloudEvents SDK finds', () => {
      expect(malformedProblems(inEnvelope(event(), { Pipeline_Run: 'run-42' }), CLOUDEVENTS_CONTENT_TYPE)).toEqual([
        'the CloudEvents envelope is invalid: invalid extension name: Pipeline_Run',
      ]);
    });

    it('with an attribute of CloudEvents 0.3, which the SDK refuses in 1.0', () => {
      expect(malformedProblems(inEnvelope(event(), { schemaurl: 'https://cdevents.dev/0.5.1/schema/change-merged-event' }), CLOUDEVENTS_CONTENT_TYPE)).toEqual([
        'the CloudEvents envelope is invalid: cannot set schemaurl on version 1.0 event',
      ]);
    });

    it("whose type is not the CDEvent's, against the CDEvents binding", () => {
      expect(malformedProblems(inEnvelope(event(), { type: 'dev.cdevents.build.finished.0.3.0' }), CLOUDEVENTS_CONTENT_TYPE)).toEqual([
        'the envelope\'s type "dev.cdevents.build.finished.0.3.0" must equal data.context.type "dev.cdevents.change.merged.0.3.0"',
      ]);
    });

    it('that is a bare CDEvent labelled as an envelope', () => {
      expect(malformedProblems(event(), CLOUDEVENTS_CONTENT_TYPE)).toEqual([
        'specversion must be "1.0" in a CloudEvents envelope, got undefined',
        'id must be a non-empty string in a CloudEvents envelope',
        'source must be a non-empty string in a CloudEvents envelope',
        'type must be a non-empty string in a CloudEvents envelope',
        'time must be a non-empty string in a CloudEvents envelope',
        'data must be the CDEvent as a JSON object in a CloudEvents structured envelope',
      ]);
    });

    it('that is not an object', () => {
      expect(malformedProblems('dev.cdevents.change.merged.0.3.0', CLOUDEVENTS_CONTENT_TYPE)).toEqual(['a CloudEvents envelope must be a JSON object']);
    });

    // Found by cdevents-to-facts.property.unit.spec.ts: quoting a value nested thousands deep threw RangeError from JSON.stringify.
    it('whose CDEvent id is an array nested 20,000 deep, too deep to quote', () => {
      const envelope = inEnvelope(event());
      (envelope.data as { context: Record<string, unknown> }).context.id = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000));
      expect(malformedProblems(envelope, CLOUDEVENTS_CONTENT_TYPE)).toEqual([
        `the envelope's id "${sample.fixtureId}" must equal data.context.id an array nested too deep to show`,
      ]);
    });
  });

  it('given a content type that is neither form, when a message arrives, then it is refused naming the two accepted', () => {
    expect(malformedProblems(completeFixtures['change_merged.json'](), 'text/plain')).toEqual([
      'content type text/plain is not a CDEvent: send application/cloudevents+json (a CloudEvents structured envelope) or application/cdevents+json',
    ]);
  });
});
