import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { RecordFactCommand } from '@provenance/recording';
import { FACT_TYPES } from '@provenance/facts';
import { commandOfFact } from './fact-intake';

// Each case here is a counterexample fact-intake.property.unit.spec.ts found: before the fix it
// threw something other than a 400 (or returned no command), which the Kafka ingest treats as a
// database failure and redelivers for ever.
const CONTEXT = { actor: 'kafka:facts' };
const COMMIT = { type: 'commit', repository: 'ska-sa/katcomp', sha: 'a'.repeat(40), parents: [], author: 'Thandi Nkosi', message: 'Retry', committedAt: '2026-11-25T08:00:00Z' };
const deeplyNested = () => JSON.parse('['.repeat(20_000) + ']'.repeat(20_000));

function problemsOf(message: unknown): string[] {
  try {
    commandOfFact(message, CONTEXT);
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { message: string[] }).message;
    throw error;
  }
  throw new Error('taken in although it should have been refused');
}

describe('fact intake: messages that are no fact', () => {
  it('given a valid commit, when taken in, then it is the command that records it', () => {
    expect(commandOfFact(COMMIT, CONTEXT)).toBeInstanceOf(RecordFactCommand);
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('given type %s, which every object inherits, when taken in, then 400 names the fact types', (type) => {
    expect(problemsOf({ type })).toEqual([`type must be one of ${FACT_TYPES.join(', ')} (got "${type}")`]);
  });

  it('given a type nested 20,000 deep, when taken in, then 400 without quoting it', () => {
    expect(problemsOf({ type: deeplyNested() })).toEqual([`type must be one of ${FACT_TYPES.join(', ')} (got an array nested too deep to show)`]);
  });

  it('given a field holding an object with a constructor member, when taken in, then 400 names it (class-transformer would take it for a class)', () => {
    expect(problemsOf({ ...COMMIT, branch: { constructor: 'x', toString: 1 } })).toEqual(['branch.constructor should not exist: no fact has a field of that name']);
    expect(problemsOf({ ...COMMIT, parents: [{ constructor: 1 }] })).toEqual(['parents.0.constructor should not exist: no fact has a field of that name']);
  });

  // class-validator's @ValidateNested validates an array's items in place of the object it expects.
  it('given an array where a nested object is due, when taken in, then 400 (not a fact with an empty artifact, nor a TypeError)', () => {
    const build = { type: 'build', package: 'katcomp', version: '1.4.0', repository: 'ska-sa/katcomp', sha: 'a'.repeat(40), outcome: 'passed', finishedAt: '2026-11-25T08:10:00Z' };
    const deployment = { type: 'deployment', deploymentId: 'site-1', environment: 'site', imageDigest: `sha256:${'b'.repeat(64)}`, nodes: ['m000'], startedAt: '2026-11-25T10:00:00Z' };
    const pinnedSet = { type: 'pinned-set', name: 'nightly', requirementsText: 'katcomp==1.4.0\n' };
    expect(problemsOf({ ...build, artifact: [] })).toEqual(['artifact must be an object with filename and sha256']);
    expect(problemsOf({ ...build, artifact: { filename: 'k.whl', sha256: 'c'.repeat(64) }, builtAgainst: [[]] })).toEqual(['each of builtAgainst must be an object with package and version']);
    expect(problemsOf({ ...deployment, configRevision: [] })).toEqual(['configRevision must be an object with repository and sha']);
    expect(problemsOf({ ...pinnedSet, builds: [[]] })).toEqual(['each of builds must be an object with package and version']);
  });

  it('given a field nested 20,000 deep, when taken in, then 400 says how deep a fact may nest', () => {
    expect(problemsOf({ ...COMMIT, parents: deeplyNested() })).toEqual([`parents${'.0'.repeat(255)} nests deeper than 256 levels; no fact does`]);
  });
});
