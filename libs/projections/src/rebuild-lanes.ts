import type { RowWrite } from './projection';

/**
 * A page's row writes in two lanes that can be written at once, on two connections: every
 * table's writes stay in one lane and in their order (a result completes the row its start
 * inserted), and the tables are shared out so the lanes hold about as many rows each.
 */
export function lanesOf(writes: RowWrite[]): [RowWrite[], RowWrite[]] {
  const byTable = new Map<string, RowWrite[]>();
  for (const write of writes) {
    const table = byTable.get(write.table);
    if (table) table.push(write);
    else byTable.set(write.table, [write]);
  }
  const lanes: [RowWrite[], RowWrite[]] = [[], []];
  const largestFirst = [...byTable.values()].sort((a, b) => b.length - a.length);
  for (const table of largestFirst) {
    const lighter = lanes[0].length <= lanes[1].length ? lanes[0] : lanes[1];
    lighter.push(...table);
  }
  return lanes;
}
