import { ServiceUnavailableException } from '@nestjs/common';
import type { ProvenanceConfig } from '@provenance/config';
import type { TrustedKey } from '@provenance/attestations';
import { keyIdOf, openSigningKey, SigningAlgorithm, SigningKey, SigningKeySource, UnusableSigningKey } from '@provenance/signing';
import { createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface PublishedKey extends TrustedKey {
  algorithm: SigningAlgorithm;
  /** Whether this process signs with it now; the others are keys signed with before a rotation. */
  signing: boolean;
}

/** The key attestations are signed with, if any, and every public key published for verifying them. */
export class AttestationKeys {
  constructor(
    private readonly signing: SigningKey | null,
    /** Why nothing is signed, and how to configure a key (when there is none). */
    readonly whyNotSigning: string,
    readonly published: PublishedKey[],
  ) {}

  /** The signing key, or null when there is none (`whyNotSigning` says how to configure one). */
  get key(): SigningKey | null {
    return this.signing;
  }

  /** The signing key; 503 saying how to configure one when there is none. */
  signer(): SigningKey {
    if (!this.signing) throw new ServiceUnavailableException(this.whyNotSigning);
    return this.signing;
  }
}

export interface OpenedKeys {
  keys: AttestationKeys;
  /** What to tell whoever started the process, and whether it is a warning. */
  said: string;
  warn: boolean;
}

/**
 * PROVENANCE_SIGNING_KEY's file; else, for the embedded store, a key made once in its data
 * directory (or for this process only with `memory://`); else (PostgreSQL) none: nothing is
 * signed and the attestation routes say how to configure one. PROVENANCE_VERIFY_KEYS are
 * published beside it. An unusable file is an UnusableSigningKey naming the variable.
 */
export async function openAttestationKeys(config: ProvenanceConfig): Promise<OpenedKeys> {
  const variable = 'PROVENANCE_SIGNING_KEY';
  const source: SigningKeySource = config.PROVENANCE_SIGNING_KEY
    ? { variable, path: config.PROVENANCE_SIGNING_KEY }
    : config.PROVENANCE_STORE === 'postgres'
      ? { variable }
      : config.PROVENANCE_DATA_DIR.startsWith('memory://')
        ? { variable, ephemeral: true }
        : { variable, generateIn: config.PROVENANCE_DATA_DIR, fileName: 'signing-key.pem' };
  const opened = await openSigningKey(source);
  const previous = verifyKeysOf(config);
  if ('missing' in opened) {
    const why = `attestations are not signed: ${opened.missing}`;
    return { keys: new AttestationKeys(null, why, previous), said: `${why}; /api/v1/images/{digest}/attestations and /environments/{env}/attestation answer 503 until then`, warn: true };
  }
  const { key } = opened;
  const published = [{ keyId: key.keyId, algorithm: key.algorithm, publicKeyPem: key.publicKeyPem, signing: true }, ...previous.filter((one) => one.keyId !== key.keyId)];
  const named = `${key.algorithm} key ${key.keyId.slice(0, 16)}`;
  const said = {
    file: `signing attestations with ${variable}=${opened.path} (${named})`,
    existing: `signing attestations with the data directory's key ${opened.path} (${named})`,
    generated: `generated a signing key at ${opened.path} (${named}): back it up with the data directory, or set ${variable}`,
    ephemeral: `attestations are signed with a key made for this process only (${named}, PROVENANCE_DATA_DIR=memory://): set ${variable} to sign with a key that outlives it`,
  }[opened.from];
  return { keys: new AttestationKeys(key, '', published), said, warn: opened.from === 'ephemeral' };
}

/** PROVENANCE_VERIFY_KEYS: public (or private) PEM files of keys signed with before a rotation. */
export function verifyKeysOf(config: Pick<ProvenanceConfig, 'PROVENANCE_VERIFY_KEYS'>): PublishedKey[] {
  const paths = config.PROVENANCE_VERIFY_KEYS?.split(',') ?? [];
  return paths.map((path) => {
    const publicKey = publicKeyIn(path);
    return { keyId: keyIdOf(publicKey), algorithm: algorithmOf(publicKey, path), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), signing: false };
  });
}

function publicKeyIn(path: string): KeyObject {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (error) {
    throw new UnusableSigningKey(`PROVENANCE_VERIFY_KEYS: ${path} cannot be read (${(error as NodeJS.ErrnoException).code}); list PEM public key files, comma-separated`);
  }
  try {
    return createPublicKey(pem);
  } catch {
    throw new UnusableSigningKey(`PROVENANCE_VERIFY_KEYS: ${path} is not a PEM public key (\`openssl pkey -in signing-key.pem -pubout -out ${path}\`)`);
  }
}

function algorithmOf(key: KeyObject, path: string): SigningAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  throw new UnusableSigningKey(`PROVENANCE_VERIFY_KEYS: ${path} is a ${key.asymmetricKeyType} key; attestations are signed with Ed25519 or ECDSA P-256`);
}
