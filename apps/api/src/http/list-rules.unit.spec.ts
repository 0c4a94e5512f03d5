import 'reflect-metadata';
import { MAX_ITEMS } from '@provenance/domain';
import { PackageBuildDto } from '../builds/package-build.dto';
import { CommitDto } from '../commits/commit.dto';
import { DeploymentDto } from '../deployments/deployment.dto';
import { PatchDto } from '../environments/environment.dto';
import { PinnedSetDto } from '../pinned-sets/pinned-set.dto';
import { validated } from './validated';

const many = <T>(count: number, item: (n: number) => T): T[] => Array.from({ length: count }, (_, n) => item(n));
const version = (n: number) => ({ package: `p${n}`, version: '1.0' });
const sha = (n: number) => n.toString(16).padStart(40, '0');

/** The problems validating `value` as `type` names, or none. */
function problemsOf(type: new () => object, value: object): string[] {
  try {
    validated(type, value);
    return [];
  } catch (error) {
    return [(error as { getResponse(): { message: string[] } }).getResponse().message].flat();
  }
}

describe('every list in a fact has its maximum (MAX_ITEMS)', () => {
  it.each([
    ['commit parents', CommitDto, 'parents', MAX_ITEMS.parents, sha],
    ['build builtAgainst', PackageBuildDto, 'builtAgainst', MAX_ITEMS.builtAgainst, version],
    ['pinned set builds', PinnedSetDto, 'builds', MAX_ITEMS.builds, version],
    ['deployment nodes', DeploymentDto, 'nodes', MAX_ITEMS.nodes, (n: number) => `n${n}`],
    ['patch nodes', PatchDto, 'nodes', MAX_ITEMS.nodes, (n: number) => `n${n}`],
  ] as const)('given %s at the maximum, then no problem with it; one more, then the problem names the field and the maximum', (_, type, field, max, item) => {
    const listProblems = (count: number) => problemsOf(type, { [field]: many(count, item as (n: number) => unknown) }).filter((problem) => problem.startsWith(`${field} `));
    expect(listProblems(max)).toEqual([]);
    expect(listProblems(max + 1)).toEqual([`${field} must hold at most ${max} items`]);
  });
});
