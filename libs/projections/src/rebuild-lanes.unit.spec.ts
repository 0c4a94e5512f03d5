import type { RowWrite } from './projection';
import { lanesOf } from './rebuild-lanes';

const write = (table: string, n: number, mode: RowWrite['mode'] = 'insert'): RowWrite => ({ table, key: { n }, set: {}, mode });

describe('a rebuild page written in two lanes', () => {
  it('given writes to several tables, then each table lies in one lane, in its order, and the lanes hold about as many rows each', () => {
    const writes = [
      ...Array.from({ length: 60 }, (_, n) => write('rm_commits', n)),
      write('rm_deployments', 1),
      ...Array.from({ length: 50 }, (_, n) => write('rm_builds', n)),
      write('rm_deployments', 1, 'update'),
      ...Array.from({ length: 20 }, (_, n) => write('rm_pinned_requirements', n)),
    ];

    const [first, second] = lanesOf(writes);

    const tablesOf = (lane: RowWrite[]) => new Set(lane.map((one) => one.table));
    expect([...tablesOf(first)].filter((table) => tablesOf(second).has(table))).toEqual([]);
    expect([...first, ...second]).toHaveLength(writes.length);
    for (const table of ['rm_commits', 'rm_builds', 'rm_deployments', 'rm_pinned_requirements']) {
      const lane = tablesOf(first).has(table) ? first : second;
      expect(lane.filter((one) => one.table === table)).toEqual(writes.filter((one) => one.table === table));
    }
    expect([first.length, second.length].sort()).toEqual([62, 70]);
  });

  it('given writes to one table, then one lane holds them all', () => {
    const writes = [write('rm_commits', 1), write('rm_commits', 2)];

    expect(lanesOf(writes)).toEqual([writes, []]);
  });
});
