import { checkedFact, factProblems } from './fact-problems';
import { FACT_TYPES } from './fact-schemas';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const COMMIT = { type: 'commit', repository: 'ska-sa/katcomp', sha: 'a'.repeat(40), parents: [], author: 'Thandi Nkosi', message: 'Retry', committedAt: '2026-11-25T08:00:00Z' };
const AQF_RESULT = { type: 'aqf-result', runId: 'aqf-7', outcome: 'passed', passed: 212, failed: 0, skipped: 5, completedAt: '2026-11-25T09:00:00Z' };

describe('the fact schema', () => {
  it('given a valid commit, when checked, then it is the fact with its type and no problems', () => {
    expect(checkedFact(COMMIT)).toEqual({ fact: expect.objectContaining(COMMIT) });
    expect(factProblems(COMMIT)).toEqual([]);
  });

  it('given a result whose path id and body both break rules, when checked, then every problem is named, the id first', () => {
    expect(factProblems({ ...AQF_RESULT, runId: '-bad', passed: -1 })).toEqual([
      'runId must be 1-128 letters, digits or ._:@+- starting with a letter or digit',
      'passed must not be negative',
    ]);
  });

  it('given a result, when checked, then the fact holds the id beside the body fields', () => {
    expect(checkedFact(AQF_RESULT).fact).toEqual(expect.objectContaining({ type: 'aqf-result', runId: 'aqf-7', passed: 212 }));
  });

  it('given a field no fact of the type has, when checked, then it is named', () => {
    expect(factProblems({ ...COMMIT, colour: 'blue' })).toEqual(['property colour should not exist']);
  });

  it.each([null, [], 'commit', 7])('given %p, which is no object, when checked, then the problem says what a fact message is', (message) => {
    expect(factProblems(message)).toEqual(['a fact message must be a JSON object with a "type" field']);
  });

  it('given an unknown type, when checked, then the problem lists the fact types', () => {
    expect(factProblems({ type: 'release' })).toEqual([`type must be one of ${FACT_TYPES.join(', ')} (got "release")`]);
  });

  it('given a package graph without pipdeptree output, when checked, then the field is named', () => {
    expect(factProblems({ type: 'package-graph' })).toEqual(['pipdeptree must be the output of pipdeptree --json or --json-tree']);
  });

  it('given a deployment with a nested configuration revision, when checked, then its nested problems carry their path', () => {
    const deployment = { type: 'deployment', deploymentId: 'site-1', environment: 'site', imageDigest: DIGEST, nodes: ['m000'], startedAt: '2026-11-25T10:00:00Z' };
    expect(factProblems({ ...deployment, configRevision: { repository: 'ska-sa/katconfig', sha: 'abc' } })).toEqual([
      'configRevision.sha must be a full git sha (40 or 64 lowercase hex digits)',
    ]);
  });
});
