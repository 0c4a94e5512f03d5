import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newSigningKey, SigningKey, signingKeyFromPem, UnusableSigningKey } from './signing-key';

/**
 * Where a signing key comes from: a PEM file named by a variable, or, for the embedded default,
 * a key made in its data directory at first start (`generateIn`), or one for this process only.
 */
export type SigningKeySource =
  | { variable: string; path: string }
  | { variable: string; generateIn: string; fileName: string }
  | { variable: string; ephemeral: true }
  | { variable: string };

export type OpenedSigningKey =
  | { key: SigningKey; from: 'file' | 'existing' | 'generated' | 'ephemeral'; path?: string }
  | { missing: string };

export async function openSigningKey(source: SigningKeySource): Promise<OpenedSigningKey> {
  const { variable } = source;
  if ('path' in source) return { key: await keyInFile(`${variable}=${source.path}`, source.path), from: 'file', path: source.path };
  if ('generateIn' in source) return keyInDataDirectory(variable, join(source.generateIn, source.fileName));
  if ('ephemeral' in source) return { key: newSigningKey().key, from: 'ephemeral' };
  return { missing: `no signing key: set ${variable} to the path of a PEM private key (\`openssl genpkey -algorithm ed25519 -out signing-key.pem\`)` };
}

async function keyInFile(named: string, path: string): Promise<SigningKey> {
  let pem: Buffer;
  try {
    pem = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'it cannot be read by this user' : `it cannot be read (${code})`;
    throw new UnusableSigningKey(`${named}: ${why}; make one with \`openssl genpkey -algorithm ed25519 -out ${path}\``);
  }
  try {
    return signingKeyFromPem(pem);
  } catch (error) {
    throw new UnusableSigningKey(`${named} ${(error as Error).message}`);
  }
}

async function keyInDataDirectory(variable: string, path: string): Promise<OpenedSigningKey> {
  const made = newSigningKey();
  try {
    // `wx`: of two processes starting at once, one writes the key and both then read that one.
    await writeFile(path, made.pem, { flag: 'wx', mode: 0o600 });
    return { key: made.key, from: 'generated', path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new UnusableSigningKey(`cannot write a signing key to ${path} (${(error as Error).message}); set ${variable} to a PEM private key file instead`);
    }
    return { key: await keyInFile(`the data directory's signing key ${path} (used while ${variable} is unset)`, path), from: 'existing', path };
  }
}
