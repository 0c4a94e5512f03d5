/** What the benches print beside their figures: medians, percentiles, goals met or missed, aligned tables. */

/** How long `work` took, in seconds, with what it returned. */
export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The nearest-rank percentile (p in 0..100): a value that was measured, never interpolated. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
}

/** "met" when `measured` reaches `goal` (higher is better), "MISSED" otherwise. */
export function verdict(measured: number, goal: number): 'met' | 'MISSED' {
  return measured >= goal ? 'met' : 'MISSED';
}

/** Events (or requests) per second as the tables print them: whole numbers with thousands separators. */
export function rate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en');
}

/** A plain-text table: columns padded to their widest cell, a rule under the header. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (cell ?? '').padEnd(widths[column])).join(' | ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
}
