import type { INestApplication } from '@nestjs/common';
import { openPostgresEventStore, RecordedEvent } from '@provenance/event-store';
import { describeWithService, dropSchema, postgresServer, uniqueSchemaName } from '@provenance/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { PipelineAgents } from './support/pipeline-agents';
import { playScriptedPipeline } from './support/scripted-pipeline';
import { startApi } from './support/start-api';

const ROUNDS = 16;
const ROOT = join(__dirname, '..');

/**
 * The pipeline worker as a process of its own, kept running: killed -9 from outside at random
 * moments, or killing itself right after an append, it is started again at once.
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
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      if (signal !== 'SIGKILL') throw new Error(`the worker exited (${code ?? signal}):\n${output}`);
      this.restarts++;
      void this.start();
    });
  }

  /** kill -9 from outside; the exit handler starts it again. */
  kill9(): void {
    this.child?.kill('SIGKILL');
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

/** Plays the scripted pipeline against a fresh schema, with the worker killed at random moments or never. */
async function playPipeline(url: string, killAtRandom: boolean): Promise<{ events: RecordedEvent[]; runs: number; kills: number }> {
  // A short lease: each restarted worker takes the sagas over from its killed predecessor after it.
  const env = { PROVENANCE_STORE: 'postgres', DATABASE_URL: url, PROVENANCE_SCHEMA: uniqueSchemaName('crash'), PROVENANCE_SAGAS: 'on', PROVENANCE_LEASE_TIMEOUT: '500ms' };
  // The agents' API records facts and answers queries; the sagas run only in the worker.
  const api: INestApplication = await startApi({ ...env, PROVENANCE_SAGAS: 'off' });
  const worker = new SupervisedWorker({ ...env, CRASH_AFTER_APPEND_CHANCE: killAtRandom ? '0.1' : '0' });
  try {
    await worker.start();
    let playing = true;
    const killer = (async () => {
      while (killAtRandom && playing) {
        await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 2_000));
        if (playing) worker.kill9();
      }
    })();
    const agents = new PipelineAgents(() => request(api.getHttpServer()));
    const runs = await playScriptedPipeline(agents, ROUNDS).finally(() => (playing = false));
    await killer;
    await waitUntilEveryRunEnded(api, runs);
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

async function waitUntilEveryRunEnded(api: INestApplication, runs: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await request(api.getHttpServer()).get('/api/v1/pipeline-runs?limit=500');
    const ended = response.status === 200 ? response.body.runs.filter((run: { state: string }) => run.state !== 'running').length : 0;
    if (ended === runs) return;
    if (Date.now() > deadline) throw new Error(`${ended} of ${runs} pipeline runs ended`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
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

    expect(killed.kills).toBeGreaterThanOrEqual(5);
    expect(killed.runs).toBe(calm.runs);
    const requestIds = killed.events.filter((event) => event.type.endsWith('Requested')).map((event) => event.data.requestId);
    expect(new Set(requestIds).size).toBe(requestIds.length);
    expect(killed.events.filter((event) => event.type === 'PipelineRunEnded')).toHaveLength(calm.runs);
    expect(streamsOf(killed.events)).toEqual(streamsOf(calm.events));
    console.log(`kill -9 test: ${killed.kills} kills, ${killed.runs} runs, ${killed.events.length} events, same streams as the uninterrupted run`);
  }, 600_000);
});
