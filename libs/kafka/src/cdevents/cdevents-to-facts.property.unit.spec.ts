import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { anyJson, mutatedJson } from '@provenance/testing';
import { CdEventMappingError, NotAFactError } from './cdevent-mapping.error';
import { CDEVENTS_CONTENT_TYPE, CLOUDEVENTS_CONTENT_TYPE, factsFromCdEvent, MAPPED_CDEVENT_TYPES } from './cdevents-to-facts';
import { CDEVENTS_FIXTURES, completeFixtures, fixture, inEnvelope } from './cdevents.fixture';
import type { FactMessage, FactType } from '@provenance/facts';

// Properties over random inputs; on failure fast-check prints the seed and the shrunk counterexample
// (rerun with `fc.assert(..., { seed, path })`, see docs/ARCHITECTURE.md "Tests").
const FACT_TYPES: FactType[] = ['commit', 'build', 'image', 'aqf-run', 'aqf-result', 'deployment', 'deployment-result'];
const KINDS = ['malformed', 'not-a-fact', 'unsupported-version', 'incomplete'];

/** The facts, or the refusal; anything else thrown escapes and fails the property. */
function outcomeOf(value: unknown, contentType: string | undefined): FactMessage[] | CdEventMappingError {
  try {
    return factsFromCdEvent(value, contentType);
  } catch (error) {
    if (error instanceof CdEventMappingError) return error;
    throw error;
  }
}

/** Fact messages are plain JSON data of a known type; a refusal says which kind and why. */
function expectFactsOrRefusal(value: unknown, contentType: string | undefined): void {
  const outcome = outcomeOf(value, contentType);
  if (outcome instanceof CdEventMappingError) {
    expect(KINDS).toContain(outcome.kind);
    expect(outcome.problems.length).toBeGreaterThan(0);
    if (outcome instanceof NotAFactError) expect(outcome.kind).toBe('not-a-fact');
    return;
  }
  expect(outcome.length).toBeGreaterThan(0);
  for (const message of outcome) {
    expect(FACT_TYPES).toContain(message.type);
    expect(JSON.parse(JSON.stringify(message))).toEqual(message);
  }
}

const conformanceFiles = readdirSync(CDEVENTS_FIXTURES).filter((file) => file.endsWith('.json'));
/** The conformance events as they are, and the mapped ones completed (half the draws, so that mutations reach the mappings). */
const bareEvent = fc.oneof(
  fc.constantFrom(...conformanceFiles.map((file) => fixture(file))),
  fc.constantFrom(...Object.values(completeFixtures).map((complete) => complete())),
);

/** A CDEvent as a message: bare (content type for it, plain JSON or none) or in a CloudEvents envelope. */
const message = bareEvent.chain((event) =>
  fc.oneof(
    fc.tuple(fc.constant<unknown>(event), fc.constantFrom(CDEVENTS_CONTENT_TYPE, 'application/json', undefined)),
    fc.tuple(fc.constant<unknown>(inEnvelope(event)), fc.constantFrom(CLOUDEVENTS_CONTENT_TYPE, `${CLOUDEVENTS_CONTENT_TYPE}; charset=utf-8`, undefined)),
  ),
);

const contentType = fc.oneof(
  fc.constantFrom(undefined, 'application/json', CDEVENTS_CONTENT_TYPE, CLOUDEVENTS_CONTENT_TYPE, 'text/plain', ''),
  fc.string({ maxLength: 30 }),
);

/** CDEvent types that steer a random event into the mappings (and two that are refused: another version, another type). */
const mappedType = fc.constantFrom(...MAPPED_CDEVENT_TYPES.map((type) => type.replace(/x$/, '0')), 'dev.cdevents.build.finished.0.4.0', 'dev.cdevents.branch.created.0.3.0');

describe('CDEvents → facts: properties', () => {
  it('given arbitrary JSON and any content type, when mapped, then fact messages or a refusal, never another exception', () => {
    fc.assert(fc.property(fc.oneof(anyJson, fc.anything()), contentType, expectFactsOrRefusal), { numRuns: 300 });
  });

  it('given an object shaped like a CDEvent with arbitrary fields, when mapped, then fact messages or a refusal, never another exception', () => {
    const shaped = fc.record(
      {
        context: fc.record({ specversion: fc.constant('0.5.1'), id: anyJson, source: anyJson, type: fc.oneof(mappedType, anyJson), timestamp: anyJson }, { requiredKeys: [] }),
        subject: fc.record({ id: anyJson, content: fc.dictionary(fc.constantFrom('artifactId', 'environment', 'outcome', 'repository'), anyJson) }, { requiredKeys: [] }),
        customData: anyJson,
        customDataContentType: anyJson,
      },
      { requiredKeys: ['context', 'subject'] },
    );
    fc.assert(fc.property(shaped, fc.constantFrom(CDEVENTS_CONTENT_TYPE, undefined), expectFactsOrRefusal), { numRuns: 300 });
  });

  it('given a real CDEvent (bare or in an envelope) with some values changed, removed or added, when mapped, then fact messages or a refusal, never another exception', () => {
    const mutated = message.chain(([value, type]) => fc.tuple(mutatedJson(value), fc.constant(type)));
    fc.assert(fc.property(mutated, ([value, type]) => expectFactsOrRefusal(value, type)), { numRuns: 600 });
  });

  it('given a complete mapped CDEvent with one of its fields set to any JSON value, when mapped, then fact messages or a refusal, never another exception', () => {
    const paths = ['subject.id', 'subject.content.artifactId', 'subject.content.outcome', 'subject.content.environment', 'subject.content.environment.id', 'subject.content.repository.id'];
    const customPaths = ['sha', 'parents', 'outcome', 'builtAgainst', 'pinnedSetId', 'bakedAt', 'passed', 'startedAt', 'nodes', 'configRevision', 'deploymentId', 'imageDigest'];
    const hostileText = fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'success', 'pkg:', 'pkg:oci/x@sha256%3', 'pkg:pypi/x@1?checksum=%ZZ');
    const changed = fc
      .tuple(fc.constantFrom(...Object.values(completeFixtures)), fc.constantFrom(...paths, ...customPaths.map((field) => `customData.${field}`)), fc.oneof(hostileText, anyJson))
      .map(([complete, path, value]) => {
        const event = complete() as Record<string, unknown>;
        const keys = path.split('.');
        let at = event;
        for (const step of keys.slice(0, -1)) {
          if (typeof at[step] !== 'object' || at[step] === null) at[step] = {};
          at = at[step] as Record<string, unknown>;
        }
        at[keys[keys.length - 1]] = value;
        return event;
      });
    fc.assert(fc.property(changed, (event) => expectFactsOrRefusal(event, CDEVENTS_CONTENT_TYPE)), { numRuns: 600 });
  });
});
