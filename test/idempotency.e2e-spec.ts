import type { Backend } from './support/backends';
import { forEachBackend } from './support/each-backend';
import { aqfResult, aqfStart, digest, katcompBuild, katcompCommit, sha } from './support/pipeline-facts';
import { useApi } from './support/use-api';

const commit = (seed: string) => ({ ...katcompCommit, sha: sha(seed) });

forEachBackend('Idempotency-Key: claims only with facts', (backend: Backend) => {
  const api = useApi(backend);
  const http = api.http;
  // The events as recorded: the leaf index the notary adds once an event is in the tree is not a write.
  const log = async (): Promise<{ type: string; streamId: string }[]> =>
    ((await http().get('/api/v1/audit/events?limit=1000').expect(200)).body.events as { type: string; streamId: string; leafIndex?: number }[]).map(({ leafIndex: _notarised, ...event }) => event);
  const claims = async () => (await log()).filter((event) => event.type === 'IdempotencyKeyClaimed');
  // Decided here, not inside the tests: on a log without multi-stream appends the claims cannot be kept.
  // Skip reason: EventStoreDB cannot write a claim and the fact in one transaction (idempotencyKeysUnsupported).
  const unsupported = backend.idempotencyKeysUnsupported;
  const it = unsupported === undefined ? global.it : (title: string, fn: () => Promise<void>) => global.it.skip(`${title} — skipped: ${unsupported}`, fn);

  if (unsupported !== undefined) {
    global.it('given an Idempotency-Key on a log without multi-stream appends, then 501 says so and nothing is written', async () => {
      const before = await log();
      const refused = await http().post('/api/v1/commits').set('Idempotency-Key', 'job-1').send(commit('c1')).expect(501);
      expect(refused.body.message).toContain('Idempotency-Key is not available on this server');
      expect(await log()).toEqual(before);
      await http().post('/api/v1/commits').send(commit('c1')).expect(201);
    });
  }

  it('given 50 invalid requests with distinct keys, then 400 each and nothing is written; the corrected request under a used key is then recorded', async () => {
    const before = await log();
    for (let n = 0; n < 50; n++) {
      await http().post('/api/v1/commits').set('Idempotency-Key', `invalid-${n}`).send({ ...commit('b1'), sha: 'not-a-sha' }).expect(400);
    }
    expect(await log()).toEqual(before);

    const corrected = await http().post('/api/v1/commits').set('Idempotency-Key', 'invalid-7').send(commit('b1')).expect(201);
    expect(corrected.body.status).toBe('recorded');
    expect(await claims()).toHaveLength(1);
  });

  it('given requests the domain refuses (409, 422) under a key, then nothing is written and the key stays free for the corrected request', async () => {
    await http().post('/api/v1/builds').send(katcompBuild).expect(201);
    const before = await log();
    const rebuilt = { ...katcompBuild, artifact: { ...katcompBuild.artifact, sha256: 'e'.repeat(64) } };
    await http().post('/api/v1/builds').set('Idempotency-Key', 'job-12-build').send(rebuilt).expect(409);
    await http().post('/api/v1/aqf-runs/run-9/result').set('Idempotency-Key', 'job-13-result').send(aqfResult('passed')).expect(422);
    expect(await log()).toEqual(before);

    await http().post('/api/v1/builds').set('Idempotency-Key', 'job-12-build').send({ ...rebuilt, version: '1.4.1' }).expect(201);
    await http().post('/api/v1/aqf-runs').send(aqfStart('run-9', digest('9a'), 'aqf-1')).expect(201);
    const result = await http().post('/api/v1/aqf-runs/run-9/result').set('Idempotency-Key', 'job-13-result').send(aqfResult('passed')).expect(201);
    expect(result.body.events.map((event: { type: string }) => event.type)).toEqual(['AqfRunCompleted', 'AqfRunOutcomeNoted']);
    expect((await claims()).length).toBe(3);
  });

  it('given 16 different requests racing with one key, then exactly one is recorded (201) with its claim and fifteen are refused (422)', async () => {
    const before = await log();
    const seeds = Array.from({ length: 16 }, (_, n) => (n + 16).toString(16));
    const answers = await Promise.all(seeds.map((seed) => http().post('/api/v1/commits').set('Idempotency-Key', 'race-16').send(commit(seed))));

    expect(answers.map((answer) => answer.status).sort()).toEqual([201, ...Array(15).fill(422)]);
    const written = (await log()).slice(before.length);
    expect(written.map((event) => event.type).sort()).toEqual(['CommitRecorded', 'IdempotencyKeyClaimed']);
    const winner = answers.find((answer) => answer.status === 201)!;
    expect(written.find((event) => event.type === 'CommitRecorded')!.streamId).toBe(winner.body.events[0].streamId);
  });

  it('given an Idempotency-Key, then a retry gets the first answer again and another request with that key is refused', async () => {
    const config = { repository: 'https://github.com/ska-sa/katconfig', sha: sha('c2'), appliedAt: '2026-11-24T17:00:00Z' };
    const first = await http().post('/api/v1/environments/site/config').set('Idempotency-Key', 'job-88-config').send(config).expect(201);
    const retry = await http().post('/api/v1/environments/site/config').set('Idempotency-Key', 'job-88-config').send(config).expect(200);
    expect(retry.body).toEqual({ ...first.body, status: 'already-recorded' });

    const before = await log();
    const reused = await http()
      .post('/api/v1/environments/site/config')
      .set('Idempotency-Key', 'job-88-config')
      .send({ ...config, sha: sha('c3') })
      .expect(422);
    expect(reused.body.message).toContain('Idempotency-Key job-88-config was used at');
    expect(reused.body.message).toContain('for another request (POST /api/v1/environments/site/config');
    expect(await log()).toEqual(before);
    await http().post('/api/v1/commits').set('Idempotency-Key', 'not a key').send(katcompCommit).expect(400);
  });

  it('given a fact already on record, when sent under a new key, then 200 claims the key for that request', async () => {
    await http().post('/api/v1/commits').send(commit('c7')).expect(201);
    await http().post('/api/v1/commits').set('Idempotency-Key', 'job-90').send(commit('c7')).expect(200);
    const other = await http().post('/api/v1/commits').set('Idempotency-Key', 'job-90').send(commit('c8')).expect(422);
    expect(other.body.message).toContain('Idempotency-Key job-90 was used at');
  });
});
