/**
 * npm run bench:attest — signing and exporting the bundle of an image whose pinned set has 150
 * requirements, each an in-house package build (so 150 package build statements besides the
 * image's provenance, 2 AQF results and a verdict), beside raw `crypto.sign` calls over the
 * same PAE bytes with the same key, measured in the same run.
 *
 *   per image       statements made, signed and written as one JSON Lines bundle: p50, p99
 *   statements/s    over all images                       vs  raw crypto.sign calls/s (goal ≥ 0.5)
 *
 * Options (environment): BENCH_IMAGES (default 200), BENCH_REQUIREMENTS (150), BENCH_KEY (ed25519 | ecdsa-p256).
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import type { ImageFactsView } from '@provenance/projections';
import { newSigningKey, signingKeyOf } from '@provenance/signing';
import { DEFAULT_PIPELINE } from '@provenance/domain';
import { bundleOf, imageStatements, pae, releasePolicyOf, signedEnvelope, statementBytes } from '../src';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 200);
const REQUIREMENTS = Number(process.env.BENCH_REQUIREMENTS ?? 150);
const P99_GOAL_MS = 250;
const RATIO_GOAL = 0.5;

const hex = (text: string, length = 64) => createHash('sha256').update(text).digest('hex').slice(0, length);

function factsOf(n: number): ImageFactsView {
  const digest = `sha256:${hex(`image-${n}`)}`;
  const names = Array.from({ length: REQUIREMENTS }, (_, i) => `kat-package-${String(i).padStart(3, '0')}`);
  return {
    image: { digest, name: `autobuild-bench-${n}.tar.gz`, builderId: 'ci.build-candidate', buildUrl: `https://jenkins.example/job/bake/${n}/`, bakedAt: '2026-11-24T08:00:00.000Z' },
    pinnedSet: { id: `sha256:${hex(`set-${n}`)}`, name: 'bench', requirements: names.map((name) => ({ name, version: `1.${n}.0`, url: null, hashes: [`sha256:${hex(`${name}-${n}`)}`] })) },
    builds: names.map((name, i) => ({
      package: name, version: `1.${n}.0`, repository: `https://github.com/ska-sa/${name}`, sha: hex(`${name}-commit-${n}`, 40), outcome: 'passed',
      artifact: { filename: `${name}-1.${n}.0-py3-none-any.whl`, sha256: hex(`${name}-${n}`) }, buildUrl: `https://jenkins.example/job/${name}/${n}/`,
      builtAgainst: i > 0 ? [{ package: names[i - 1], version: `1.${n}.0` }] : [], finishedAt: '2026-11-24T07:30:00.000Z', commitRecorded: true,
    })),
    aqfRuns: ['aqf-1', 'aqf-2'].map((environment) => ({
      runId: `${environment}-${n}`, imageDigest: digest, environment, startedAt: '2026-11-24T09:00:00.000Z', outcome: 'passed', passed: 412, failed: 0, skipped: 7,
      reportUrl: `https://aqf.example/${environment}/${n}`, completedAt: '2026-11-24T11:00:00.000Z',
    })),
    decisions: [{ revision: '3', releaseCandidate: true, automatic: true, by: 'policy', reason: null, aqfRunIds: [`aqf-1-${n}`, `aqf-2-${n}`], decidedAt: '2026-11-24T11:00:00.000Z' }],
    unresolved: [],
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function main(): void {
  const key = process.env.BENCH_KEY === 'ecdsa-p256' ? signingKeyOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey) : newSigningKey().key;
  const policy = releasePolicyOf(DEFAULT_PIPELINE);
  const facts = Array.from({ length: IMAGES }, (_, n) => factsOf(n));
  for (const one of facts.slice(0, 5)) bundleOf(imageStatements(one, policy, one.image!.digest).map((s) => signedEnvelope(s, key)));

  // Ours and the raw baseline alternate, round by round, so a busy machine slows both alike.
  const perImage: number[] = [];
  const signer = (message: Buffer) => key.sign(message);
  let statements = 0;
  let bytes = 0;
  let oursSeconds = 0;
  let rawSeconds = 0;
  let rawCalls = 0;
  for (let round = 0; round < facts.length; round += 10) {
    const batch = facts.slice(round, round + 10);
    let started = process.hrtime.bigint();
    for (const one of batch) {
      const t0 = process.hrtime.bigint();
      const made = imageStatements(one, policy, one.image!.digest);
      bytes += bundleOf(made.map((s) => signedEnvelope(s, key))).length;
      perImage.push(Number(process.hrtime.bigint() - t0) / 1e6);
      statements += made.length;
    }
    oursSeconds += Number(process.hrtime.bigint() - started) / 1e9;
    // The same messages our envelopes signed, signed again with nothing around them.
    const messages = batch.flatMap((one) => imageStatements(one, policy, one.image!.digest).map((s) => pae('application/vnd.in-toto+json', statementBytes(s))));
    started = process.hrtime.bigint();
    for (const message of messages) signer(message);
    rawSeconds += Number(process.hrtime.bigint() - started) / 1e9;
    rawCalls += messages.length;
  }
  // crypto.sign itself, to show SigningKey.sign adds nothing of its own.
  const { privateKey: bare } = generateKeyPairSync('ed25519');
  const sample = Buffer.alloc(Math.round(bytes / statements / 1.4), 1);
  const bareStarted = process.hrtime.bigint();
  for (let n = 0; n < 5_000; n++) sign(null, sample, bare);
  const bareSeconds = Number(process.hrtime.bigint() - bareStarted) / 1e9;

  const sorted = [...perImage].sort((a, b) => a - b);
  const ours = statements / oursSeconds;
  const raw = rawCalls / rawSeconds;
  const p99 = percentile(sorted, 99);
  console.log(`bench:attest — ${IMAGES} images of ${REQUIREMENTS} requirements (${statements / IMAGES} statements each, ${(bytes / IMAGES / 1024).toFixed(0)} KiB bundle), ${key.algorithm}`);
  console.log(`  per image        p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   goal p99 ≤ ${P99_GOAL_MS} ms: ${verdict(p99 <= P99_GOAL_MS)}`);
  console.log(`  statements/s     ${ours.toFixed(0)}   raw crypto.sign/s ${raw.toFixed(0)} (Ed25519 crypto.sign of an average payload alone: ${(5_000 / bareSeconds).toFixed(0)}/s)   ratio ${(ours / raw).toFixed(2)}   goal ≥ ${RATIO_GOAL}: ${verdict(ours / raw >= RATIO_GOAL)}`);
}

main();
