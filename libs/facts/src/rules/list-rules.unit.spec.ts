import 'reflect-metadata';
import { MAX_ITEMS } from '@provenance/domain';
import { PackageBuildDto } from '../package-build/package-build.dto';
import { CommitDto } from '../commit/commit.dto';
import { DeploymentDto } from '../deployment/deployment.dto';
import { PatchDto } from '../environment/environment.dto';
import { PinnedSetDto } from '../pinned-set/pinned-set.dto';
import { checkedAs } from '../problems/checked-as';

const many = <T>(count: number, item: (n: number) => T): T[] => Array.from({ length: count }, (_, n) => item(n));
const version = (n: number) => ({ package: `p${n}`, version: '1.0' });
const sha = (n: number) => n.toString(16).padStart(40, '0');

/** The problems validating `value` as `type` names, or none. */
function problemsOf(type: new () => object, value: object): string[] {
  return checkedAs(type, value).problems ?? [];
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
