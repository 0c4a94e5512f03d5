import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';

export type SigningAlgorithm = 'ed25519' | 'ecdsa-p256';

/** A private key the service signs with, named by its public key so a verifier can pick the right one. */
export interface SigningKey {
  /** Hex SHA-256 of the public key's DER SubjectPublicKeyInfo. */
  readonly keyId: string;
  readonly algorithm: SigningAlgorithm;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  /** Ed25519 signs the message itself; ECDSA P-256 signs its SHA-256, the signature in DER. */
  sign(message: Buffer): Buffer;
}

/** A key that cannot be used for signing, with the reason worded for the person who configured it. */
export class UnusableSigningKey extends Error {
  override readonly name = 'UnusableSigningKey';
}

export function signingKeyOf(privateKey: KeyObject): SigningKey {
  const algorithm = algorithmOf(privateKey);
  const publicKey = createPublicKey(privateKey);
  const digest = algorithm === 'ed25519' ? null : 'sha256';
  return {
    keyId: keyIdOf(publicKey),
    algorithm,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(digest, message, privateKey),
  };
}

export function signingKeyFromPem(pem: string | Buffer): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new UnusableSigningKey('is not a PEM private key (make one with `openssl genpkey -algorithm ed25519 -out signing-key.pem`)');
  }
  return signingKeyOf(privateKey);
}

/** A fresh Ed25519 key and its PKCS #8 PEM, for the embedded default's first start. */
export function newSigningKey(): { key: SigningKey; pem: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { key: signingKeyOf(privateKey), pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

export const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');

/** Checks a signature made by `SigningKey.sign` with nothing but the public key. */
export function signatureVerifies(publicKey: KeyObject | string, message: Buffer, signature: Buffer): boolean {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return verify(algorithmOf(key) === 'ed25519' ? null : 'sha256', message, key, signature);
}

function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  const kind = key.asymmetricKeyType === 'ec' ? `an EC key on ${key.asymmetricKeyDetails?.namedCurve}` : `a ${key.asymmetricKeyType} key`;
  throw new UnusableSigningKey(`is ${kind}; use Ed25519 or ECDSA P-256 (\`openssl genpkey -algorithm ed25519 -out signing-key.pem\`)`);
}
