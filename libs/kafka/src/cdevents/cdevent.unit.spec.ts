import { CdEventMappingError, NotAFactError } from './cdevent-mapping.error';
import { CDEVENTS_CONTENT_TYPE, factsFromCdEvent, MAPPED_CDEVENT_TYPES } from './cdevents-to-facts';
import { completeFixtures, extensions, fixture, sample, withContext } from './cdevents.fixture';

function errorOf(value: unknown): CdEventMappingError {
  try {
    factsFromCdEvent(value, CDEVENTS_CONTENT_TYPE);
  } catch (error) {
    if (error instanceof CdEventMappingError) return error;
    throw error;
  }
  throw new Error('mapped although it should have been refused');
}

describe('factsFromCdEvent, which CDEvents it maps', () => {
  it('given branch_created.json, when it is mapped, then it is not a fact, and the error names every mapped type', () => {
    const error = errorOf(fixture('branch_created.json'));
    expect(error).toBeInstanceOf(NotAFactError);
    expect(error).toMatchObject({ kind: 'not-a-fact', cdEventType: 'dev.cdevents.branch.created.0.3.0', cdEventId: sample.fixtureId });
    expect(error.message).toBe(
      'dev.cdevents.branch.created.0.3.0 is not a fact this service records; the mapped CDEvents types are ' +
        'dev.cdevents.change.merged.0.3.x, dev.cdevents.build.finished.0.3.x, dev.cdevents.artifact.packaged.0.3.x, ' +
        'dev.cdevents.artifact.published.0.3.x, dev.cdevents.testsuiterun.finished.0.3.x, dev.cdevents.service.deployed.0.3.x, ' +
        'dev.cdevents.service.upgraded.0.3.x, dev.cdevents.service.rolledback.0.3.x',
    );
  });

  it.each(['pipelinerun_finished.json', 'testsuiterun_started.json', 'service_removed.json', 'environment_created.json'])(
    'given %s, a CDEvent near a mapped one, when it is mapped, then it is not a fact',
    (file) => {
      expect(errorOf(fixture(file))).toBeInstanceOf(NotAFactError);
    },
  );

  it('given a custom CDEvents type, when it is mapped, then it is not a fact', () => {
    expect(errorOf(withContext(fixture('change_merged.json'), { type: 'dev.cdeventsx.katcp-sensor.sampled.0.1.0' }))).toBeInstanceOf(NotAFactError);
  });

  it('given a mapped type at another minor version, when it is mapped, then it is refused naming the version read', () => {
    const error = errorOf(withContext(completeFixtures['change_merged.json'](), { type: 'dev.cdevents.change.merged.0.4.0' }));
    expect(error.kind).toBe('unsupported-version');
    expect(error.message).toBe('dev.cdevents.change.merged.0.4.0 is not a version this service reads: it maps dev.cdevents.change.merged.0.3.x (CDEvents v0.5.1)');
  });

  it('given a mapped type at another patch version, when it is mapped, then it is read', () => {
    expect(factsFromCdEvent(withContext(completeFixtures['change_merged.json'](), { type: 'dev.cdevents.change.merged.0.3.7' }))).toHaveLength(1);
  });

  it('given the mapped types, when they are listed, then each is a CDEvents v0.5.1 type with a fixture', () => {
    expect(MAPPED_CDEVENT_TYPES.map((type) => type.split('.').slice(2, 4).join('_') + '.json')).toEqual(Object.keys(completeFixtures));
  });
});

describe('factsFromCdEvent, a bare CDEvent that is malformed', () => {
  it('given no context timestamp or subject id, when it is mapped, then it is refused naming both', () => {
    const event = fixture('change_merged.json');
    delete event.context.timestamp;
    const error = errorOf({ ...event, subject: { ...event.subject, id: '' } });
    expect(error.kind).toBe('malformed');
    expect(error.problems).toEqual(['context.timestamp must be a non-empty string', 'subject.id must be a non-empty string']);
  });

  it.each([undefined, 42, [], { context: null, subject: {} }, { context: { ...fixture('change_merged.json').context }, subject: { id: 'x', content: [] } }])(
    'given %j, when it is mapped, then the only error is a CdEventMappingError',
    (value) => {
      expect(errorOf(value).kind).toBe('malformed');
    },
  );

  it('given a value that is no CDEvent, when it is mapped, then it is refused saying what a CDEvent is', () => {
    expect(errorOf(null).problems).toEqual(['a CDEvent must be a JSON object with context and subject']);
    expect(errorOf({ context: {}, subject: 'mySubject123' }).problems).toEqual(['subject must be an object']);
  });
});

describe('factsFromCdEvent, customData forms', () => {
  it('given customData as base64 JSON, as CDEvents allows, when the event is mapped, then its fields are read', () => {
    const event = { ...fixture('change_merged.json'), customData: Buffer.from(JSON.stringify(extensions.commit)).toString('base64') };
    expect(factsFromCdEvent(event)).toEqual(factsFromCdEvent(completeFixtures['change_merged.json']()));
  });

  it('given customData that is not JSON, when the event is mapped, then it is refused saying customData must be a JSON object', () => {
    const event = { ...fixture('change_merged.json'), customData: '<commit/>', customDataContentType: 'application/xml' };
    expect(errorOf(event).problems).toEqual([
      'customDataContentType application/xml is not JSON: the fields this service reads from customData must be a JSON object',
    ]);
  });

  it('given customData that is an array, when the event is mapped, then it is refused', () => {
    expect(errorOf({ ...fixture('change_merged.json'), customData: [extensions.commit] }).problems).toEqual(['customData must be a JSON object (or base64 of one)']);
  });
});
