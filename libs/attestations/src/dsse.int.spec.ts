import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PIPELINE } from '@provenance/domain';
import { newSigningKey, SigningKey, signingKeyOf } from '@provenance/signing';
import { describeWithProgram } from '@provenance/testing';
import { DEMO_IMAGE, demoImageFacts, demoSiteView } from './demo-facts.fixture';
import { Envelope, pae, signedEnvelope } from './dsse';
import { imageStatements } from './image-statements';
import { releasePolicyOf } from './release-verdict.statement';
import { runsWhereStatement } from './runs-where.statement';

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** One statement of each kind the service signs, by kind. */
function oneOfEachKind() {
  const [image, build, result, , verdict] = imageStatements(demoImageFacts(), releasePolicyOf(DEFAULT_PIPELINE), DEMO_IMAGE).filter((_, n) => n === 0 || n === 1 || n >= 12);
  return { 'image provenance': image, 'package build provenance': build, 'AQF result': result, 'release verdict': verdict, 'what runs where': runsWhereStatement(demoSiteView(), [image])! };
}

describeWithProgram('openssl', 'DSSE envelopes checked by OpenSSL over their PAE bytes', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'dsse-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** OpenSSL's answer for the envelope: the PAE of its decoded payload, its signature, the public key, as files. */
  function opensslVerifies(envelope: Envelope, key: SigningKey, name: string): string {
    const files = { key: join(dir, `${name}.pub.pem`), pae: join(dir, `${name}.pae`), sig: join(dir, `${name}.sig`) };
    writeFileSync(files.key, key.publicKeyPem);
    writeFileSync(files.pae, pae(envelope.payloadType, Buffer.from(envelope.payload, 'base64')));
    writeFileSync(files.sig, Buffer.from(envelope.signatures[0].sig, 'base64'));
    return key.algorithm === 'ed25519'
      ? openssl('pkeyutl', '-verify', '-pubin', '-inkey', files.key, '-rawin', '-in', files.pae, '-sigfile', files.sig)
      : openssl('dgst', '-sha256', '-verify', files.key, '-signature', files.sig, files.pae);
  }

  const keys = { ed25519: newSigningKey().key, 'ecdsa-p256': signingKeyOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey) };
  const cases = Object.entries(keys).flatMap(([algorithm, key]) => Object.entries(oneOfEachKind()).map(([kind, statement]) => [kind, algorithm, key, statement] as const));

  it.each(cases)('given a %s signed with %s, then OpenSSL verifies its signature over the PAE bytes', (kind, algorithm, key, statement) => {
    const envelope = signedEnvelope(statement, key);

    expect(opensslVerifies(envelope, key, `${algorithm}-${kind.replace(/ /g, '-')}`)).toMatch(/Signature Verified Successfully|Verified OK/);
  });

  it('given an envelope whose payload lost one byte, then OpenSSL refuses its signature', () => {
    const envelope = signedEnvelope(oneOfEachKind()['image provenance'], keys.ed25519);
    const payload = Buffer.from(envelope.payload, 'base64');

    expect(() => opensslVerifies({ ...envelope, payload: payload.subarray(1).toString('base64') }, keys.ed25519, 'tampered')).toThrow();
  });
});
