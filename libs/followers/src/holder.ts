import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Who holds a lease: a process, told apart from an earlier one with the same pid by a random suffix. */
export interface LeaseHolder {
  id: string;
  host: string;
  pid: number;
}

export function thisProcess(): LeaseHolder {
  const host = hostname();
  return { id: `${host}:${process.pid}:${randomUUID().slice(0, 8)}`, host, pid: process.pid };
}
