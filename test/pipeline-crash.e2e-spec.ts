import type { INestApplication } from '@nestjs/common';
import { openPostgresEventStore, RecordedEvent } from '@provenance/event-store';
import { describeWithService, dropSchema, eventually, postgresServer, uniqueSchemaName, waitBudget } from '@provenance/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { PipelineAgents, StageRequest } from './support/pipeline-agents';
import { playScriptedPipeline } from './support/scripted-pipeline';
import { startApi } from './support/start-api';

const ROUNDS = 16;
const ROOT = join(__dirname, '..');

/**
 * The pipeline worker as a process of its own, kept running: killed -9 from outside, or
 * killing itself right after an append, it is started again at once.
 */
class SupervisedWorker {
  private child?: ChildProcess;
  private stopping = false;
  restarts = 0;

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/crash-prone-worker.ts'], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      if (signal !== 'SIGKILL') throw new Error(`the worker exited (${code ?? signal}):\n${output}`);
      this.restarts++;
      void this.start();
    });
  }

  /**
   * kill -9 from outside; the exit handler starts it again. Resolves once the worker running at
   * the call has died (of this kill, or of its own a moment before), so kills made one after
   * another each take a worker of their own.
   */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const died = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await died;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }
}

/**
 * The agents, with the worker killed -9 at a random moment within a second after each pinned
 * set they record, while it and they carry the run on. The kills follow the pipeline's
 * progress, not the clock: however fast or slow the machine, every run has one.
 */
class AgentsWithAKiller extends PipelineAgents {
  private kills = Promise.resolve();

  constructor(http: () => ReturnType<typeof request>, timeoutMs: () => number, private readonly worker?: SupervisedWorker) {
    super(http, { timeoutMs });
  }

  override async pin(pinning: StageRequest): Promise<string> {
    const pinnedSetId = await super.pin(pinning);
    const worker = this.worker;
    if (worker) this.kills = this.kills.then(() => sleep(Math.random() * 1_000)).then(() => worker.kill9());
    return pinnedSetId;
  }

  /** Resolves once every kill made so far has taken its worker. */
  killed(): Promise<void> {
    return this.kills;
  }
}

/** Plays the scripted pipeline against a fresh schema, with the worker killed in every run or never. */
async function playPipeline(url: string, kill: boolean): Promise<{ events: RecordedEvent[]; runs: number; kills: number }> {
  // Under half of the test's 600 s for each play's waits together, so that a stuck one says what it awaited.
  const timeLeft = waitBudget(270_000);
  // A short lease: each restarted worker takes the sagas over from its killed predecessor after it.
  const env = { PROVENANCE_STORE: 'postgres', DATABASE_URL: url, PROVENANCE_SCHEMA: uniqueSchemaName('crash'), PROVENANCE_SAGAS: 'on', PROVENANCE_LEASE_TIMEOUT: '500ms' };
  // The agents' API records facts and answers queries; the sagas run only in the worker.
  const api: INestApplication = await startApi({ ...env, PROVENANCE_SAGAS: 'off' });
  const worker = new SupervisedWorker({ ...env, CRASH_AFTER_APPEND_CHANCE: kill ? '0.1' : '0' });
  try {
    await worker.start();
    const agents = new AgentsWithAKiller(() => request(api.getHttpServer()), timeLeft, kill ? worker : undefined);
    const runs = await playScriptedPipeline(agents, ROUNDS);
    await agents.killed();
    await waitUntilEveryRunEnded(api, runs, timeLeft());
    const store = await openPostgresEventStore({ connectionString: url, schema: env.PROVENANCE_SCHEMA });
    const events = await store.readAll({ limit: 100_000 });
    await store.close();
    return { events, runs, kills: worker.restarts };
  } finally {
    await worker.stop();
    await api.close();
    await dropSchema(url, env.PROVENANCE_SCHEMA);
  }
}

async function waitUntilEveryRunEnded(api: INestApplication, runs: number, timeoutMs: number): Promise<void> {
  const ended = async () => {
    const response = await request(api.getHttpServer()).get('/api/v1/pipeline-runs?limit=500');
    if (response.status !== 200) throw new Error(`pipeline-runs answered ${response.status}`);
    return response.body.runs.filter((run: { state: string }) => run.state !== 'running').length as number;
  };
  await eventually(ended, (count) => count === runs, { what: `all ${runs} pipeline runs to end`, timeoutMs, intervalMs: 200 });
}

/** Times the sagas take from when the log learnt of a cause: they differ between two plays. */
const RECORDING_TIMES = new Set(['requestedAt', 'startedAt', 'answeredAt', 'endedAt', 'leadTimeSeconds', 'deadline']);

/** Each stream's events as (type, data), the pipeline's recording times left out. */
function streamsOf(events: RecordedEvent[]): Record<string, string[]> {
  const streams: Record<string, string[]> = {};
  for (const event of events) {
    const data = event.metadata.actor === 'pipeline' ? Object.fromEntries(Object.entries(event.data).filter(([key]) => !RECORDING_TIMES.has(key))) : event.data;
    (streams[event.streamId] ??= []).push(`${event.type} ${JSON.stringify(data)}`);
  }
  return streams;
}

describeWithService(postgresServer(), 'the pipeline worker killed at random moments', (url) => {
  it('given a long scripted pipeline, when the worker is killed -9 and restarted again and again, then the streams equal those of an uninterrupted run', async () => {
    const calm = await playPipeline(url, false);
    const killed = await playPipeline(url, true);

    // At least the kill in every run; the worker's own kills after an append come on top.
    expect(killed.kills).toBeGreaterThanOrEqual(killed.runs);
    expect(killed.runs).toBe(calm.runs);
    const requestIds = killed.events.filter((event) => event.type.endsWith('Requested')).map((event) => event.data.requestId);
    expect(new Set(requestIds).size).toBe(requestIds.length);
    expect(killed.events.filter((event) => event.type === 'PipelineRunEnded')).toHaveLength(calm.runs);
    expect(streamsOf(killed.events)).toEqual(streamsOf(calm.events));
    console.log(`kill -9 test: ${killed.kills} kills, ${killed.runs} runs, ${killed.events.length} events, same streams as the uninterrupted run`);
  }, 600_000);
});
