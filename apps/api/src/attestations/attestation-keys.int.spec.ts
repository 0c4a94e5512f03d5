import { ServiceUnavailableException } from '@nestjs/common';
import { loadConfig } from '@provenance/config';
import { newSigningKey } from '@provenance/signing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAttestationKeys } from './attestation-keys';

describe('the attestation signing key at start', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'attestation-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given PostgreSQL and no PROVENANCE_SIGNING_KEY, then nothing is signed: a warning, and signing answers 503 saying which variable to set', async () => {
    const { keys, said, warn } = await openAttestationKeys(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db' }));

    expect(warn).toBe(true);
    expect(said).toMatch(/^attestations are not signed: no signing key: set PROVENANCE_SIGNING_KEY/);
    expect(() => keys.signer()).toThrow(ServiceUnavailableException);
    expect(() => keys.signer()).toThrow(/set PROVENANCE_SIGNING_KEY to the path of a PEM private key/);
    expect(keys.published).toEqual([]);
  });

  it('given the embedded store in memory, then a key for this process only, said with a warning', async () => {
    const { keys, said, warn } = await openAttestationKeys(loadConfig({ PROVENANCE_DATA_DIR: 'memory://' }));

    expect({ warn, signing: keys.published.map((key) => key.signing) }).toEqual({ warn: true, signing: [true] });
    expect(said).toMatch(/a key made for this process only .*set PROVENANCE_SIGNING_KEY/);
  });

  it('given an embedded data directory, then the first start generates a key there and says to back it up; the next start uses it', async () => {
    const config = loadConfig({ PROVENANCE_DATA_DIR: dir });

    const first = await openAttestationKeys(config);
    const second = await openAttestationKeys(config);

    expect(first.said).toMatch(new RegExp(`^generated a signing key at ${join(dir, 'signing-key.pem')} .*back it up with the data directory`));
    expect(second.said).toMatch(/^signing attestations with the data directory's key/);
    expect(second.keys.signer().keyId).toBe(first.keys.signer().keyId);
  });

  it('given PROVENANCE_SIGNING_KEY and a rotated-out key in PROVENANCE_VERIFY_KEYS, then both are published, the signing one first', async () => {
    const current = newSigningKey();
    const previous = newSigningKey().key;
    writeFileSync(join(dir, 'key.pem'), current.pem);
    writeFileSync(join(dir, 'old.pub.pem'), previous.publicKeyPem);

    const { keys } = await openAttestationKeys(loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/db', PROVENANCE_SIGNING_KEY: join(dir, 'key.pem'), PROVENANCE_VERIFY_KEYS: join(dir, 'old.pub.pem') }));

    expect(keys.published.map(({ keyId, signing }) => ({ keyId, signing }))).toEqual([{ keyId: current.key.keyId, signing: true }, { keyId: previous.keyId, signing: false }]);
  });

  it('given PROVENANCE_VERIFY_KEYS naming a file that is not a key, then the start is refused naming it', async () => {
    writeFileSync(join(dir, 'nonsense.pem'), 'nonsense');

    await expect(openAttestationKeys(loadConfig({ PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_VERIFY_KEYS: join(dir, 'nonsense.pem') }))).rejects.toThrow(
      `PROVENANCE_VERIFY_KEYS: ${join(dir, 'nonsense.pem')} is not a PEM public key`,
    );
  });
});
