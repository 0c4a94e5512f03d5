import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Admin, Kafka, logLevel, Producer, Partitioners } from 'kafkajs';
import request from 'supertest';
import { STAGE_OF_REQUEST, StageRequestMessage } from '@provenance/kafka';
import { describeWithService, realService } from '@provenance/testing';
import { startApi } from './support/start-api';

const ROOT = join(__dirname, '..');
const AGENTS = 'test/fixtures/agents';

interface Run {
  code: number;
  stderr: string;
}

/** The request event's type, as the service's publisher puts it in the `event-type` header. */
const eventTypeOf = (stage: string) => Object.keys(STAGE_OF_REQUEST).find((type) => STAGE_OF_REQUEST[type] === stage)!;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** A pinned set id of its own for each label. */
const pinnedSet = (label: string) => `sha256:${sha256(label)}`;
const PINNED_SET = pinnedSet('pinned');
/** The image test/fixtures/agents/bake.sh prints for a pinned set. */
const bakedImage = (pinnedSetId: string) => `sha256:${sha256(pinnedSetId)}`;

function candidateBuild(runId: string, pinnedSetId = PINNED_SET): StageRequestMessage {
  const requestId = `${runId}.candidate-build.${sha256(pinnedSetId).slice(0, 24)}`;
  return { requestId, stage: 'candidate-build', runId, requestedAt: '2026-11-25T09:00:00.000Z', request: { runId, requestId, pinnedSetId, requestedAt: '2026-11-25T09:00:00.000Z' } };
}

function aqfRun(runId: string, imageDigest: string): StageRequestMessage {
  const requestId = `${runId}.aqf-run.${sha256(`${imageDigest}aqf-1`).slice(0, 24)}`;
  return { requestId, stage: 'aqf-run', runId, requestedAt: '2026-11-25T11:00:00.000Z', request: { runId, requestId, imageDigest, environment: 'aqf-1', requestedAt: '2026-11-25T11:00:00.000Z' } };
}

function pinning(runId: string): StageRequestMessage {
  const requestId = `${runId}.pinning.${sha256(runId).slice(0, 24)}`;
  const builds = [{ package: 'katcomp', version: '1.4.2', finishedAt: '2026-11-25T07:00:00Z' }];
  return { requestId, stage: 'pinning', runId, requestedAt: '2026-11-25T08:00:00.000Z', request: { requestId, runId, builds } };
}

describeWithService(realService('Kafka', 'KAFKA_BROKERS'), 'provenance agent: stage requests from Kafka answered by a command, recorded over HTTP', (brokers) => {
  let app: INestApplication;
  let url: string;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const unique = `${process.pid}-${Date.now().toString(36)}`;
  let topics = 0;

  beforeAll(async () => {
    app = await startApi({ PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_SAGAS: 'off' });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    kafka = new Kafka({ clientId: 'agent-e2e', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await Promise.all([admin.connect(), producer.connect()]);
  });
  afterAll(async () => {
    await Promise.all([producer?.disconnect(), admin?.disconnect()]);
    await app?.close();
  });

  /** A topic of the test's own, with one partition so the messages arrive in the order published. */
  async function requestsTopic(...messages: StageRequestMessage[]): Promise<string> {
    const topic = `agent-e2e-${unique}-${++topics}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await producer.send({
      topic,
      messages: messages.map((message) => ({
        key: message.stage,
        value: JSON.stringify(message),
        headers: { 'event-id': `event-${message.requestId}`, 'event-type': eventTypeOf(message.stage), 'request-id': message.requestId, stage: message.stage },
      })),
    });
    return topic;
  }

  /** The agent as a process of its own; `until` sends it SIGTERM once its stderr says so. */
  function agent(topic: string, args: string[], env: Record<string, string> = {}, until?: { stderr: string }): Promise<Run> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'agent', '--group', `group-${topic}`, ...args], {
      cwd: ROOT,
      env: { ...process.env, PROVENANCE_URL: url, KAFKA_BROKERS: brokers, KAFKA_REQUESTS_TOPIC: topic, KAFKAJS_NO_PARTITIONER_WARNING: '1', PROVENANCE_BACKOFF_MS: '5', ...env },
    });
    // A stuck agent is stopped so its stderr shows in the failure, rather than the test timing out.
    const stuck = setTimeout(() => child.kill('SIGTERM'), 45_000);
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (until && !signalled && stderr.includes(until.stderr)) signalled = child.kill('SIGTERM');
    });
    return new Promise((resolve) =>
      child.on('close', (code) => {
        clearTimeout(stuck);
        resolve({ code: code ?? -1, stderr });
      }),
    );
  }

  const stream = async (streamId: string) => (await request(app.getHttpServer()).get(`/api/v1/streams/${streamId}`).expect(200)).body.events as { type: string; data: Record<string, unknown> }[];
  const committedOffset = async (topic: string) => (await admin.fetchOffsets({ groupId: `group-${topic}`, topics: [topic] }))[0].partitions[0].offset;

  it('given a candidate-build request delivered twice, when the agent bakes both, then the image is recorded once naming the request', async () => {
    const bake = candidateBuild('run-bake');
    const topic = await requestsTopic(bake, bake);

    const run = await agent(topic, ['--stage', 'candidate-build', '--exec', `sh ${AGENTS}/bake.sh`, '--max-requests', '2']);

    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toMatch(new RegExp(`candidate-build run-bake request ${bake.requestId.replace(/\./g, '\\.')}: ran command \\(exit 0, \\d+\\.\\d s\\), recorded ImageBaked`));
    expect(run.stderr).toContain('already recorded ImageBaked');
    expect(await stream(`image-${bakedImage(PINNED_SET)}`)).toEqual([
      expect.objectContaining({
        type: 'ImageBaked',
        data: expect.objectContaining({ name: 'autobuild-run-bake.tar.gz', pinnedSetId: PINNED_SET, requestId: bake.requestId, bakedAt: '2026-11-25T10:00:00.000Z' }),
      }),
    ]);
    expect(await committedOffset(topic)).toBe('2');
  }, 60_000);

  it('given an AQF request, when its command exits 1, then the run is recorded as started for the request and failed', async () => {
    const image = bakedImage(pinnedSet('aqf'));
    const aqf = aqfRun('run-aqf', image);
    const topic = await requestsTopic(aqf);

    const run = await agent(topic, ['--stage', 'aqf-run', '--exec', `sh ${AGENTS}/aqf.sh`, '--max-requests', '1']);

    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toMatch(/ran command \(exit 1, [\d.]+ s\), recorded AqfRunStarted, recorded AqfRunCompleted/);
    const runId = `aqf-${aqf.requestId.split('.').pop()}`;
    expect(await stream(`aqf-run-${runId}`)).toEqual([
      expect.objectContaining({ type: 'AqfRunStarted', data: expect.objectContaining({ runId, imageDigest: image, environment: 'aqf-1', requestId: aqf.requestId }) }),
      expect.objectContaining({ type: 'AqfRunCompleted', data: expect.objectContaining({ outcome: 'failed', passed: 410, failed: 2, skipped: 1 }) }),
    ]);
  }, 60_000);

  it('given a command that prints no JSON for the first of two requests, then nothing is recorded for it, the field to print is named, and the second is answered', async () => {
    const garbled = candidateBuild('run-garbled', pinnedSet('garbled'));
    const good = candidateBuild('run-good', pinnedSet('good'));
    const topic = await requestsTopic(garbled, good);

    const run = await agent(topic, ['--stage', 'candidate-build', '--exec', `sh ${AGENTS}/bake.sh`, '--max-requests', '2'], { GARBLE_REQUEST_ID: garbled.requestId });

    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toContain(`request ${garbled.requestId}: ran command (exit 0,`);
    expect(run.stderr).toContain('recorded nothing: its stdout does not answer a candidate-build request\n  stdout is not a JSON object (it starts "baked, but forgot the JSON")');
    expect(run.stderr).toContain('print this JSON on stdout (logs go to stderr): {"digest": "sha256:<64 hex>", "name":');
    expect(await stream(`image-${bakedImage(garbled.request.pinnedSetId as string)}`)).toEqual([]);
    expect(await stream(`image-${bakedImage(good.request.pinnedSetId as string)}`)).toEqual([
      expect.objectContaining({ type: 'ImageBaked', data: expect.objectContaining({ requestId: good.requestId }) }),
    ]);
    expect(await committedOffset(topic)).toBe('2');
  }, 60_000);

  it('given requests of other stages before a bake request, when a candidate-build agent runs, then it skips them, commits past them and bakes', async () => {
    const skippedAqf = aqfRun('run-skip', bakedImage(pinnedSet('skip')));
    const bake = candidateBuild('run-skip', pinnedSet('skip'));
    const topic = await requestsTopic(skippedAqf, pinning('run-skip'), bake);

    const run = await agent(topic, ['--stage', 'candidate-build', '--exec', `sh ${AGENTS}/bake.sh`, '--max-requests', '1']);

    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toContain('stopped after 1 request(s); skipped 2 of other stages');
    expect(run.stderr).not.toContain('running AQF');
    expect(await stream(`aqf-run-aqf-${skippedAqf.requestId.split('.').pop()}`)).toEqual([]);
    expect(await stream(`image-${bakedImage(bake.request.pinnedSetId as string)}`)).toHaveLength(1);
    expect(await committedOffset(topic)).toBe('3');
  }, 60_000);

  it('given a pinning request, when the command prints pip-compile output, then the pinned set is recorded for the request, named after the run', async () => {
    const pin = pinning('run-pin');
    const topic = await requestsTopic(pin);

    const run = await agent(topic, ['--stage', 'pinning', '--exec', `sh ${AGENTS}/pin.sh`, '--max-requests', '1']);

    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toMatch(/pinning run-pin request run-pin\.pinning\.\w+: ran command \(exit 0, [\d.]+ s\), recorded PinnedSetRecorded/);
    const events = (await request(app.getHttpServer()).get('/api/v1/audit/events?limit=1000').expect(200)).body.events as { type: string; data: Record<string, unknown> }[];
    expect(events.filter((event) => event.data.requestId === pin.requestId)).toEqual([
      expect.objectContaining({ type: 'PinnedSetRecorded', data: expect.objectContaining({ name: 'pinned-run-pin' }) }),
    ]);
  }, 60_000);

  it('given a package-build request, when the command builds it, then a passed build against the request\'s inputs is recorded for the request', async () => {
    const requestId = `package-build-${sha256('katcore').slice(0, 24)}`;
    const inputs = [{ package: 'katcomp', version: '1.4.2' }];
    const build: StageRequestMessage = {
      requestId, stage: 'package-build', runId: null, requestedAt: '2026-11-25T08:00:00.000Z',
      request: { requestId, package: 'katcore', inputs, requestedBecause: 'event-1', requestedAt: '2026-11-25T08:00:00.000Z' },
    };
    const topic = await requestsTopic(build);

    const run = await agent(topic, ['--stage', 'package-build', '--exec', `sh ${AGENTS}/build.sh`, '--max-requests', '1']);

    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toContain('building katcore against katcomp==1.4.2');
    expect(await stream('build-katcore@2.0.1')).toEqual([
      expect.objectContaining({ type: 'PackageBuildRecorded', data: expect.objectContaining({ outcome: 'passed', builtAgainst: inputs, requestId }) }),
    ]);
  }, 60_000);

  it('given a command still running, when the agent is sent SIGTERM, then it stops the command, leaves the request uncommitted and exits 0', async () => {
    const topic = await requestsTopic(candidateBuild('run-stopped', pinnedSet('stopped')));

    const run = await agent(topic, ['--stage', 'candidate-build', '--exec', 'echo baking >&2; sleep 30'], {}, { stderr: 'baking' });

    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toContain('SIGTERM: stopping the candidate-build agent');
    expect(run.stderr).toContain('command stopped with the agent (exit 143); recorded nothing, left for the next agent of the group');
    expect(await committedOffset(topic)).toBe('-1');
  }, 60_000);

  it('given the server is unreachable, when the agent has answered a request, then it exits 3 and leaves the request for the next agent', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const topic = await requestsTopic(candidateBuild('run-unreachable', pinnedSet('unreachable')));

    const run = await agent(topic, ['--stage', 'candidate-build', '--exec', `sh ${AGENTS}/bake.sh`], { PROVENANCE_URL: `http://127.0.0.1:${port}` });

    expect(run).toMatchObject({ code: 3 });
    expect(run.stderr).toContain('ran command (exit 0,');
    expect(run.stderr).toContain(`not recorded (left for the group's next agent): no server at http://127.0.0.1:${port}`);
    expect(await committedOffset(topic)).toBe('-1');
  }, 60_000);

  it('given no KAFKA_BROKERS or an unknown stage, when the agent starts, then it exits 2 saying what to set', async () => {
    const unset = await agent('unused', ['--stage', 'pinning', '--exec', 'true'], { KAFKA_BROKERS: '' });
    const unknown = await agent('unused', ['--stage', 'bake', '--exec', 'true']);

    expect(unset).toMatchObject({ code: 2, stderr: expect.stringContaining('set KAFKA_BROKERS=host:port') });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('Allowed choices are package-build, pinning, candidate-build, aqf-run') });
  });
});
