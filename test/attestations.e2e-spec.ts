import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { noteVerifierOf, verifierKeyText } from '@provenance/transparency';
import { startApi } from './support/start-api';

/*
 * One API and one demo run for every case: the auditor's whole path, from `npm run demo` to
 * `provenance verify` offline, and what tampering with each file does to the verdict.
 */
const ROOT = join(__dirname, '..');
const TOKENS = { root: 'root-secret', auditor: 'auditor-secret', jenkins: 'jenkins-secret' };
const ROLES = { root: ['admin'], auditor: ['auditor'], jenkins: ['agent'] };
const IMAGE_FILE = 'autobuild-2026-11-24-0001.tar.gz';
// The demo's image digest is the sha256 of these bytes, so a file holding them is "the image".
const IMAGE_BYTES = 'autobuild-2026-11-24-0001';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function node(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-r', '@swc-node/register', script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('signed attestations, from the demo to an offline verdict', () => {
  let app: INestApplication;
  let url: string;
  let dir: string;
  const file = (name: string) => join(dir, name);
  const as = (who: keyof typeof TOKENS) => ({ PROVENANCE_URL: url, PROVENANCE_TOKEN: TOKENS[who] });
  // No server and no database for verify: nothing but files.
  const verify = (...args: string[]) => node('apps/cli/src/main.ts', ['verify', ...args], { PROVENANCE_URL: 'http://127.0.0.1:9', DATABASE_URL: '' });
  const get = (path: string, who: keyof typeof TOKENS) => fetch(`${url}/${path}`, { headers: { authorization: `Bearer ${TOKENS[who]}` } });
  const statementsIn = (bundle: string) => bundle.trim().split('\n').map((line) => JSON.parse(Buffer.from((JSON.parse(line) as { payload: string }).payload, 'base64').toString()) as { subject: { name?: string }[]; predicateType: string; predicate: Record<string, unknown> });

  beforeAll(async () => {
    const tokens = Object.entries(TOKENS).map(([name, token]) => ({ name, roles: ROLES[name as keyof typeof TOKENS], sha256: createHash('sha256').update(token).digest('hex') }));
    app = await startApi({ PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_TOKENS: JSON.stringify(tokens), PROVENANCE_SAGAS: 'off' });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'attestations-'));
    const demo = await node('apps/cli/src/demo/paper-pipeline.demo.ts', [], as('root'));
    expect(demo).toMatchObject({ code: 0 });
    const { keys } = (await (await get('api/v1/attestations/keys', 'auditor')).json()) as { keys: { publicKeyPem: string }[] };
    writeFileSync(file('pub.pem'), keys[0].publicKeyPem);
    writeFileSync(file(IMAGE_FILE), IMAGE_BYTES);
    const site = await node('apps/cli/src/main.ts', ['attest', 'env', 'site', '--at', '2026-11-26T00:00:00Z'], as('auditor'));
    expect(site).toMatchObject({ code: 0 });
    writeFileSync(file('site.intoto.jsonl'), site.stdout);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the demo, when the auditor exports site\'s attestation and verifies it offline with the image file and a source commit, then it exits 0', async () => {
    const run = await verify(file('site.intoto.jsonl'), '--key', file('pub.pem'), '--artifact', file(IMAGE_FILE), '--source', 'https://github.com/ska-sa/katcomp@cf1e00b3');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/VERIFIED: all \d+ checks passed$/m);
    expect(run.stdout).toContain('the 15 statements it rests on are in the bundle, digests matching');
    expect(statementsIn(readFileSync(file('site.intoto.jsonl'), 'utf8'))).toHaveLength(16);
  });

  it.each([
    ['one byte of a payload', 'payload', /FAILED +line 2 \(.*\): signature does not verify/],
    ['one byte of a signature', 'sig', /FAILED +line 3 \(package build provenance of katcomp-0\.7\.9-py3-none-any\.whl\): signature does not verify/],
  ] as const)('given %s flipped, then verify exits 1 naming the line whose signature fails', async (_, field, failure) => {
    const lines = readFileSync(file('site.intoto.jsonl'), 'utf8').trim().split('\n');
    const line = field === 'payload' ? 1 : 2;
    const envelope = JSON.parse(lines[line]) as { payload: string; signatures: { sig: string }[] };
    const bytes = Buffer.from(field === 'payload' ? envelope.payload : envelope.signatures[0].sig, 'base64');
    bytes[20] ^= 0x01;
    if (field === 'payload') envelope.payload = bytes.toString('base64');
    else envelope.signatures[0].sig = bytes.toString('base64');
    lines[line] = JSON.stringify(envelope);
    writeFileSync(file(`tampered-${field}.jsonl`), `${lines.join('\n')}\n`);

    const run = await verify(file(`tampered-${field}.jsonl`), '--key', file('pub.pem'));

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(failure);
    expect(run.stdout).toMatch(/^NOT VERIFIED: \d+ of \d+ checks failed:/m);
  });

  it('given the site bundle, then every statement names the log checkpoint holding its facts: the log serves that checkpoint, verify checks its signature with the log key, and the log later proves it only grew since', async () => {
    const statements = statementsIn(readFileSync(file('site.intoto.jsonl'), 'utf8')) as unknown as { predicate: { releaseProvenance_log?: { treeSize: number; checkpoint: string } } }[];
    const reference = statements[0].predicate.releaseProvenance_log!;
    const { treeSize: wholeTree } = (await (await get('api/v1/log/leaves?start=0&end=1', 'auditor')).json()) as { treeSize: number };
    const logKey = (await (await get('api/v1/log/key', 'auditor')).text()).trim();

    expect(new Set(statements.map((statement) => JSON.stringify(statement.predicate.releaseProvenance_log)))).toEqual(new Set([JSON.stringify(reference)]));
    // Nothing was recorded after the demo, so the checkpoint holds every event there is.
    expect(reference.treeSize).toBe(wholeTree);
    expect(await (await get(`api/v1/log/checkpoints/${reference.treeSize}`, 'auditor')).text()).toBe(reference.checkpoint);

    const run = await verify(file('site.intoto.jsonl'), '--key', file('pub.pem'), '--log-key', logKey);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`ok      all 16 statements rest on facts in the log's first ${wholeTree} leaves: checkpoint signed by ${logKey.split('+')[0]}`);

    writeFileSync(file('checkpoint.txt'), reference.checkpoint);
    const later = await node('apps/cli/src/main.ts', ['log', 'verify', '--from-checkpoint', file('checkpoint.txt'), '--key', logKey], as('auditor'));
    expect(later).toMatchObject({ code: 0 });
  });

  it('given the log key of another log, then verify exits 1 saying the checkpoint is not signed by it', async () => {
    const logKey = (await (await get('api/v1/log/key', 'auditor')).text()).trim();
    const [origin] = logKey.split('+');
    const otherKey = verifierKeyText(noteVerifierOf(origin, generateKeyPairSync('ed25519').publicKey));

    const run = await verify(file('site.intoto.jsonl'), '--key', file('pub.pem'), '--log-key', otherKey);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAILED  all 16 statements: the log's checkpoint they name does not hold: its checkpoint is not signed by ${origin}`);
  });

  it('given one byte of the image file flipped, then verify exits 1 naming the artifact', async () => {
    writeFileSync(file('other.tar.gz'), `${IMAGE_BYTES.slice(0, -1)}2`);

    const run = await verify(file('site.intoto.jsonl'), '--key', file('pub.pem'), '--artifact', file('other.tar.gz'));

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAILED +artifact other\.tar\.gz: its sha256 [0-9a-f]{64} is not the subject of line 1 \(what runs where/);
  });

  it('given the demo\'s image, when exported, then its statements are the golden files made from the demo\'s facts', async () => {
    const run = await node('apps/cli/src/main.ts', ['attest', 'export', '6fd89f0'], as('auditor'));
    // The golden files are the facts; which checkpoint holds them depends on the run, and is checked above.
    const statements = statementsIn(run.stdout).map(({ predicate: { releaseProvenance_log, ...predicate }, ...statement }) => ({ ...statement, predicate }));
    const golden = (name: string): unknown => JSON.parse(readFileSync(join(ROOT, 'libs/attestations/src/golden', `${name}.json`), 'utf8'));

    expect(statements).toHaveLength(15);
    expect(statements[0]).toEqual(golden('demo-image-provenance'));
    expect(statements.find((s) => s.subject[0].name === 'katcomp-0.7.9-py3-none-any.whl')).toEqual(golden('demo-package-build-katcomp'));
    expect(statements[12]).toEqual(golden('demo-aqf-result-aqf-1'));
    // The verdict names the AQF results by the digests of their statements as signed, checkpoint and all; verify checks that chain.
    type Verdict = { predicate: { inputAttestations: { name: string }[] } };
    const byName = (verdict: Verdict) => ({ ...verdict, predicate: { ...verdict.predicate, inputAttestations: verdict.predicate.inputAttestations.map(({ name }) => ({ name })) } });
    expect(byName(statements[14] as unknown as Verdict)).toEqual(byName(golden('demo-release-verdict') as Verdict));
  });

  it('given a package build recorded again with another artifact, then it is a 409 and the image still has one statement for it, unchanged', async () => {
    const before = await (await get('api/v1/images/6fd89f0/attestations', 'auditor')).text();
    const build = {
      package: 'katcomp', version: '0.7.9', repository: 'https://github.com/ska-sa/katcomp', sha: createHash('sha256').update('katcomp-commit').digest('hex').slice(0, 40),
      outcome: 'passed', artifact: { filename: 'katcomp-0.7.9-py3-none-any.whl', sha256: 'f'.repeat(64) }, buildUrl: 'https://jenkins.camlab.kat.ac.za/job/katcomp/42/', finishedAt: '2026-11-24T07:30:00Z',
    };

    const answer = await fetch(`${url}/api/v1/builds`, { method: 'POST', headers: { authorization: `Bearer ${TOKENS.jenkins}`, 'content-type': 'application/json' }, body: JSON.stringify(build) });
    const after = await (await get('api/v1/images/6fd89f0/attestations', 'auditor')).text();

    expect(answer.status).toBe(409);
    expect(after).toBe(before);
    expect(statementsIn(after).filter((s) => s.subject[0].name?.startsWith('katcomp-'))).toHaveLength(1);
  });

  it('given an agent\'s token, then the attestation routes are 403; an auditor\'s reads them', async () => {
    expect((await get('api/v1/images/6fd89f0/attestations', 'jenkins')).status).toBe(403);
    expect((await get('api/v1/environments/site/attestation', 'jenkins')).status).toBe(403);
    const answer = await get('api/v1/environments/site/attestation', 'auditor');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/jsonl/);
  });
});
