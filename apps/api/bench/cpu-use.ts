import { readdirSync, readFileSync } from 'node:fs';

/* Where a benchmark's CPU goes, from /proc (Linux): this process, the API's, and PostgreSQL's server processes on this machine. */

const TICKS_PER_SECOND = 100;

/** User plus system CPU of a process so far, in ms; undefined once it has exited. */
function cpuMsOf(pid: number): number | undefined {
  try {
    // The command name can hold spaces and parentheses: the fields that follow start after its last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU so far of every PostgreSQL server process, by pid. */
function postgresCpuMs(): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const ms = cpuMsOf(pid);
    if (ms !== undefined) used.set(pid, ms);
  }
  return used;
}

export interface CpuUse {
  /** This process: the load generator, or the direct appends. */
  here: number;
  api: number;
  /** Server processes alive at the end; one that exited in between is not counted. */
  postgres: number;
}

/** Starts counting; the function returned gives the CPU ms each used since. */
export function cpuMeter(apiPid: number): () => CpuUse {
  const here = process.cpuUsage();
  const api = cpuMsOf(apiPid) ?? 0;
  const postgres = postgresCpuMs();
  return () => {
    const used = process.cpuUsage(here);
    let postgresMs = 0;
    for (const [pid, ms] of postgresCpuMs()) postgresMs += ms - (postgres.get(pid) ?? 0);
    return { here: (used.user + used.system) / 1000, api: (cpuMsOf(apiPid) ?? api) - api, postgres: postgresMs };
  };
}
