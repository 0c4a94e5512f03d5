import { readFileSync } from 'node:fs';

/**
 * What a server process costs, read from /proc (Linux), so that a test measures the server
 * and not jest: resident memory, CPU time, and the latency of a request beside some load.
 */

/** Resident memory now, in MiB. */
export function rssMiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** CPU time used so far (user + system), in clock ticks; only differences and ratios mean anything. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After "pid (comm) " come the fields from `state` on; utime and stime are fields 14 and 15 of proc(5).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Runs `work` while sampling the process's resident memory; resolves to its result and the highest RSS seen. */
export async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peakMiB = rssMiB(pid);
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(pid))), 10);
  try {
    const result = await work();
    return { result, peakMiB: Math.max(peakMiB, rssMiB(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(request: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await request();
  return performance.now() - start;
}

/** The median latency of `count` requests made one after another, in ms. */
export async function medianLatency(request: () => Promise<unknown>, count: number): Promise<number> {
  const latencies: number[] = [];
  for (let n = 0; n < count; n++) latencies.push(await timed(request));
  return median(latencies);
}

/**
 * The median latency of requests made one after another while `load` runs (each started before
 * it ended, the first as it starts, so a stall is seen whole), and what `load` resolved to.
 */
export async function medianLatencyDuring<T>(request: () => Promise<unknown>, load: Promise<T>): Promise<{ medianMs: number; count: number; loaded: T }> {
  let done = false;
  const finished = load.finally(() => (done = true));
  const latencies: number[] = [];
  do latencies.push(await timed(request));
  while (!done);
  return { medianMs: median(latencies), count: latencies.length, loaded: await finished };
}

/** Runs `count` tasks, at most `concurrency` at a time; resolves to their results in order. */
export async function inParallel<T>(count: number, concurrency: number, task: (n: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const n = next++;
      results[n] = await task(n);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}
