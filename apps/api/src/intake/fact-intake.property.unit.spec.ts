import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import type { ICommand } from '@nestjs/cqrs';
import { RecordAqfResultCommand, RecordDeploymentCommand, RecordFactCommand } from '@provenance/recording';
import { anyJson, mutatedJson } from '@provenance/testing';
import fc from 'fast-check';
import { FACT_TYPES } from '@provenance/facts';
import { commandOfFact } from './fact-intake';

// Properties over random inputs; on failure fast-check prints the seed and the shrunk counterexample
// (rerun with `fc.assert(..., { seed, path })`, see docs/ARCHITECTURE.md "Tests").
const CONTEXT = { actor: 'kafka:facts', correlationId: 'correlation-1' };
const SHA = 'a'.repeat(40);
const DIGEST = `sha256:${'b'.repeat(64)}`;
const AT = '2026-11-25T08:00:00Z';

/** One valid message of each fact type, every optional field present, as an agent sends it. */
const VALID: Record<string, Record<string, unknown>> = {
  commit: { type: 'commit', repository: 'ska-sa/katcomp', sha: SHA, parents: ['c'.repeat(40)], branch: 'master', author: 'Thandi Nkosi', message: 'Retry on timeout', committedAt: AT },
  build: {
    type: 'build', package: 'katcomp', version: '1.4.0', repository: 'ska-sa/katcomp', sha: SHA, outcome: 'passed',
    artifact: { filename: 'katcomp-1.4.0-py3-none-any.whl', sha256: 'c'.repeat(64) }, buildUrl: 'https://ci.example.org/builds/1',
    builtAgainst: [{ package: 'katpoint', version: '0.9.1' }], finishedAt: AT, requestId: 'request-1',
  },
  'pinned-set': {
    type: 'pinned-set', name: 'nightly', requirementsText: `katcomp==1.4.0 \\\n    --hash=sha256:${'d'.repeat(64)}\n    # via -r requirements.in\nkatpoint==0.9.1\n`,
    builds: [{ package: 'katcomp', version: '1.4.0' }], requestId: 'request-2',
  },
  'package-graph': {
    type: 'package-graph',
    pipdeptree: [
      { package: { key: 'katcomp', package_name: 'katcomp', installed_version: '1.4.0' }, dependencies: [{ key: 'katpoint', package_name: 'katpoint', installed_version: '0.9.1', required_version: '>=0.9' }] },
      { package: { key: 'katpoint', package_name: 'katpoint', installed_version: '0.9.1' }, dependencies: [] },
    ],
  },
  image: { type: 'image', digest: DIGEST, name: 'autobuild-1.tar.gz', pinnedSetId: `sha256:${'e'.repeat(64)}`, builderId: 'baker-1', buildUrl: 'https://ci.example.org/bakes/1', bakedAt: AT, requestId: 'request-3' },
  'aqf-run': { type: 'aqf-run', runId: 'aqf-7', imageDigest: DIGEST, environment: 'aqf-1', startedAt: AT, requestId: 'request-4' },
  'aqf-result': { type: 'aqf-result', runId: 'aqf-7', outcome: 'passed', passed: 212, failed: 0, skipped: 5, reportUrl: 'https://aqf.example.org/runs/7', completedAt: AT },
  deployment: { type: 'deployment', deploymentId: 'site-1', environment: 'site', imageDigest: DIGEST, nodes: ['m000', 'm001'], configRevision: { repository: 'ska-sa/katconfig', sha: SHA }, startedAt: AT, by: 'ops' },
  'deployment-result': { type: 'deployment-result', deploymentId: 'site-1', outcome: 'succeeded', finishedAt: AT },
  patch: { type: 'patch', environment: 'site', patchId: 'patch-1', package: 'katcomp', fromVersion: '1.4.0', toVersion: '1.4.1', nodes: ['m000'], reason: 'hotfix', appliedAt: AT, by: 'ops' },
  config: { type: 'config', environment: 'site', repository: 'ska-sa/katconfig', sha: SHA, appliedAt: AT },
};

const OUTCOMES = ['record', 'already-recorded', 'refused'];

/** The command, or the 400's problems; anything else thrown escapes and fails the property. */
function outcomeOf(message: unknown): ICommand | string[] {
  try {
    return commandOfFact(message, CONTEXT);
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { message: string[] }).message;
    throw error;
  }
}

/** Plain JSON data: what an event can hold, with no field left undefined (`{ filename: undefined }` is no artifact). */
const expectPlainJson = (value: unknown) => expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);

/** Problems are a non-empty list of sentences; a command is one the command bus has a handler for, holding plain JSON, and its domain command decides. */
function expectProblemsOrCommand(message: unknown): void {
  const outcome = outcomeOf(message);
  if (Array.isArray(outcome)) {
    expect(outcome.length).toBeGreaterThan(0);
    for (const problem of outcome) expect(typeof problem === 'string' && problem !== '').toBe(true);
    return;
  }
  if (outcome instanceof RecordFactCommand) {
    expect(typeof outcome.streamId).toBe('string');
    expectPlainJson(outcome.command);
    expect(OUTCOMES).toContain(outcome.decider.decide(outcome.command, outcome.decider.initialState).outcome);
  } else if (outcome instanceof RecordAqfResultCommand) {
    expectPlainJson(outcome.result);
  } else {
    expect(outcome).toBeInstanceOf(RecordDeploymentCommand);
    expectPlainJson((outcome as RecordDeploymentCommand).fact);
  }
}

/** `type` values that are no fact type, including the names every object inherits. */
const type = fc.oneof(
  fc.constantFrom(...FACT_TYPES),
  fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '', 'Commit', 'commit '),
  fc.string({ maxLength: 12 }),
  anyJson,
);

describe('fact intake: properties', () => {
  it.each(FACT_TYPES)('given a valid %s message, when taken in, then it is a command (the seed the mutations below start from)', (factType) => {
    expect(VALID[factType]).toBeDefined();
    expect(Array.isArray(outcomeOf(VALID[factType]))).toBe(false);
    expectProblemsOrCommand(VALID[factType]);
  });

  it('given arbitrary JSON, when taken in, then a list of problems or a valid command, never another exception', () => {
    fc.assert(fc.property(fc.oneof(anyJson, fc.anything()), expectProblemsOrCommand), { numRuns: 200 });
  });

  it('given a JSON object with any type and arbitrary fields, when taken in, then a list of problems or a valid command, never another exception', () => {
    const message = fc.tuple(type, fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 6 })).map(([factType, fields]) => ({ ...fields, type: factType }));
    fc.assert(fc.property(message, expectProblemsOrCommand), { numRuns: 300 });
  });

  it.each(Object.keys(VALID))('given a valid %s message with some values changed, removed or added, when taken in, then a list of problems or a valid command, never another exception', (factType) => {
    fc.assert(fc.property(mutatedJson(VALID[factType]), expectProblemsOrCommand), { numRuns: 100 });
  });

  it('given a valid message with one field set to any JSON value, when taken in, then a list of problems or a valid command, never another exception', () => {
    const changed = fc
      .constantFrom(...Object.values(VALID))
      .chain((valid) => fc.tuple(fc.constant(valid), fc.constantFrom(...Object.keys(valid)), fc.oneof(type, anyJson)))
      .map(([valid, field, value]) => ({ ...structuredClone(valid), [field]: value }));
    fc.assert(fc.property(changed, expectProblemsOrCommand), { numRuns: 500 });
  });
});
