import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithProgram } from '@provenance/testing';
import { newSigningKey, SigningKey, signingKeyFromPem } from './signing-key';
import { openSigningKey } from './signing-key-file';

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describeWithProgram('openssl', 'signing keys checked by OpenSSL', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'signing-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The key, its public key and a signature of `message` as files, for OpenSSL to read. */
  function signedFiles(key: SigningKey, message: Buffer) {
    const files = { publicKey: join(dir, 'public.pem'), message: join(dir, 'message'), signature: join(dir, 'signature') };
    writeFileSync(files.publicKey, key.publicKeyPem);
    writeFileSync(files.message, message);
    writeFileSync(files.signature, key.sign(message));
    return files;
  }

  it.each(['ed25519', 'EC -pkeyopt ec_paramgen_curve:P-256'])('given a key OpenSSL made (%s), when we sign, then OpenSSL verifies the signature', (algorithm) => {
    const pemPath = join(dir, 'key.pem');
    openssl('genpkey', '-algorithm', ...algorithm.split(' '), '-out', pemPath);
    const key = signingKeyFromPem(readFileSync(pemPath));
    const files = signedFiles(key, Buffer.from('a statement to sign'));

    const verified =
      key.algorithm === 'ed25519'
        ? openssl('pkeyutl', '-verify', '-pubin', '-inkey', files.publicKey, '-rawin', '-in', files.message, '-sigfile', files.signature)
        : openssl('dgst', '-sha256', '-verify', files.publicKey, '-signature', files.signature, files.message);

    expect(verified).toMatch(/Signature Verified Successfully|Verified OK/);
  });

  it('given a signature of other bytes, when OpenSSL checks it, then it fails', () => {
    const { key } = newSigningKey();
    const files = signedFiles(key, Buffer.from('what was signed'));
    writeFileSync(files.message, 'what was not signed');

    expect(() => openssl('pkeyutl', '-verify', '-pubin', '-inkey', files.publicKey, '-rawin', '-in', files.message, '-sigfile', files.signature)).toThrow();
  });

  it("given a key, when named, then its key id is the SHA-256 of the public key's DER as OpenSSL writes it", () => {
    const { key } = newSigningKey();
    const { publicKey } = signedFiles(key, Buffer.from(''));

    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', publicKey, '-outform', 'DER']);

    expect(key.keyId).toBe(createHash('sha256').update(der).digest('hex'));
  });

  it('given PROVENANCE_SIGNING_KEY names a file OpenSSL made, when opened, then that key signs', async () => {
    const path = join(dir, 'key.pem');
    openssl('genpkey', '-algorithm', 'ed25519', '-out', path);

    const opened = await openSigningKey({ variable: 'PROVENANCE_SIGNING_KEY', path });

    expect(opened).toMatchObject({ from: 'file', key: { keyId: signingKeyFromPem(readFileSync(path)).keyId } });
  });

  it('given PROVENANCE_SIGNING_KEY names no file, when opened, then the refusal names the variable, the path and how to make one', async () => {
    const path = join(dir, 'nowhere.pem');

    await expect(openSigningKey({ variable: 'PROVENANCE_SIGNING_KEY', path })).rejects.toThrow(
      `PROVENANCE_SIGNING_KEY=${path}: there is no such file; make one with \`openssl genpkey -algorithm ed25519 -out ${path}\``,
    );
  });

  it('given an empty data directory, when opened twice, then the first start makes a key only its owner can read and the second uses it', async () => {
    const source = { variable: 'PROVENANCE_SIGNING_KEY', generateIn: dir, fileName: 'signing-key.pem' };

    const first = await openSigningKey(source);
    const second = await openSigningKey(source);

    expect(first).toMatchObject({ from: 'generated', path: join(dir, 'signing-key.pem') });
    expect(second).toMatchObject({ from: 'existing', key: { keyId: 'key' in first ? first.key.keyId : 'none' } });
    expect(statSync(join(dir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('given a data directory that cannot hold a file, when a key is to be made there, then the refusal says so and names the variable to set', async () => {
    const notADirectory = join(dir, 'a-file');
    writeFileSync(notADirectory, '');

    await expect(openSigningKey({ variable: 'PROVENANCE_SIGNING_KEY', generateIn: notADirectory, fileName: 'signing-key.pem' })).rejects.toThrow(
      /cannot write a signing key to .*a-file\/signing-key\.pem \(ENOTDIR.*\); set PROVENANCE_SIGNING_KEY to a PEM private key file instead/,
    );
  });

  it('given no source, when opened, then it says which variable to set and how to make a key', async () => {
    expect(await openSigningKey({ variable: 'PROVENANCE_SIGNING_KEY' })).toEqual({
      missing: 'no signing key: set PROVENANCE_SIGNING_KEY to the path of a PEM private key (`openssl genpkey -algorithm ed25519 -out signing-key.pem`)',
    });
  });
});
