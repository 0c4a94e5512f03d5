import { Pool } from 'pg';
import { ApiProcess, freePort } from './api-process';

export interface Member {
  process: ApiProcess;
  port: number;
}

export interface Lease {
  name: string;
  pid: number;
  holder: string;
  generation: string;
  acquiredAt: string;
  live: boolean;
}

/**
 * Several API processes on one database, as an orchestrator runs them, and a client that
 * fails over between them like a load balancer: a request to a process that died is sent to
 * another (facts are idempotent, so a repeat is harmless).
 */
export class ApiCluster {
  private constructor(
    readonly members: Member[],
    private readonly db: Pool,
  ) {}

  static async start(count: number, env: Record<string, string>, databaseUrl: string, schema: string): Promise<ApiCluster> {
    const members: Member[] = [];
    for (let n = 0; n < count; n++) {
      const port = await freePort();
      members.push({ port, process: new ApiProcess({ ...env, PORT: String(port) }) });
    }
    // One at a time: the first migrates the schema and takes the leases.
    for (const member of members) await member.process.start();
    const db = new Pool({ connectionString: databaseUrl, options: `-c search_path=${schema}`, max: 4 });
    return new ApiCluster(members, db);
  }

  async stop(): Promise<void> {
    // API_CLUSTER_LOG=<file> keeps what each process printed, for when a suite fails.
    if (process.env.API_CLUSTER_LOG) {
      const { appendFileSync } = await import('node:fs');
      for (const member of this.members) appendFileSync(process.env.API_CLUSTER_LOG, `==== port ${member.port} running=${member.process.running}\n${member.process.output}\n`);
    }
    await Promise.all(this.members.map((member) => member.process.stop()));
    await this.db.end();
  }

  memberOf(pid: number): Member | undefined {
    return this.members.find((member) => member.process.running && member.process.pid === pid);
  }

  /** Every lease, with whether it is held (not expired) now, by the database's clock. */
  async leases(): Promise<Lease[]> {
    const { rows } = await this.db.query<Lease>(
      `SELECT name, pid, holder, generation::text AS generation, acquired_at::text AS "acquiredAt", expires_at > clock_timestamp() AS live
         FROM follower_leases ORDER BY name`,
    );
    return rows;
  }

  query<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]> {
    return this.db.query<Row>(text, params).then((result) => result.rows);
  }

  /** Kills a member -9 and starts it again on its port; resolves once it has started. */
  async kill9(member: Member): Promise<void> {
    await member.process.kill9();
    await member.process.start();
  }

  async post(path: string, body: unknown): Promise<{ status: number; body: any }> {
    return this.send('POST', path, body);
  }

  async get(path: string): Promise<{ status: number; body: any }> {
    return this.send('GET', path);
  }

  private async send(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    for (let attempt = 1; ; attempt++) {
      const live = this.members.filter((member) => member.process.running);
      const member = live[Math.floor(Math.random() * live.length)];
      try {
        if (!member) throw new Error('no process is running');
        const response = await fetch(`http://127.0.0.1:${member.port}${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status === 503 && attempt < 50) throw new Error(`503 ${text}`);
        return { status: response.status, body: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text };
      } catch (error) {
        if (attempt >= 50) throw new Error(`${method} ${path} failed ${attempt} times, last: ${(error as Error).message}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}
