import type { SigningAlgorithm } from '@provenance/signing';
import type { PublishedKey } from './attestation-keys';

export class PublishedKeyAnswer implements Omit<PublishedKey, 'keyId'> {
  /** Hex SHA-256 of the public key's DER SubjectPublicKeyInfo: the `keyid` of the envelopes it signed. */
  keyid!: string;
  /** `ed25519` or `ecdsa-p256`. */
  algorithm!: SigningAlgorithm;
  /** The public key, PEM (SPKI): save it as pub.pem for `provenance verify --key pub.pem`. */
  publicKeyPem!: string;
  /** Whether the service signs with this key now; the others verify envelopes signed before a rotation. */
  signing!: boolean;
}

export class AttestationKeysAnswer {
  keys!: PublishedKeyAnswer[];
}
