import { signatureVerifies, SigningKey } from '@provenance/signing';
import { Statement, statementBytes } from './statement';
import { IN_TOTO_PAYLOAD_TYPE } from './uris';

/** A DSSE envelope (github.com/secure-systems-lab/dsse, envelope.md): payload and signatures in base64. */
export interface Envelope {
  payloadType: string;
  payload: string;
  signatures: { keyid: string; sig: string }[];
}

/** DSSE's pre-authentication encoding: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal bytes. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'utf8'), type, Buffer.from(` ${payload.length} `, 'utf8'), payload]);
}

/** The statement's canonical bytes in an envelope signed over their PAE. */
export function signedEnvelope(statement: Statement<object>, key: SigningKey): Envelope {
  return envelopeOf(statementBytes(statement), key);
}

export function envelopeOf(payload: Buffer, key: SigningKey, payloadType = IN_TOTO_PAYLOAD_TYPE): Envelope {
  return { payloadType, payload: payload.toString('base64'), signatures: [{ keyid: key.keyId, sig: key.sign(pae(payloadType, payload)).toString('base64') }] };
}

/** A public key a verifier trusts, named as its envelopes name it. */
export interface TrustedKey {
  keyId: string;
  publicKeyPem: string;
}

/**
 * Which of the envelope's signatures verify with a trusted key: a signature naming a keyid is
 * checked with that key only; one without (`""`, as some tools write) with each key in turn.
 */
export function verifiedSignatures(envelope: Envelope, keys: TrustedKey[]): { keyId: string }[] {
  const message = pae(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  return envelope.signatures.flatMap(({ keyid, sig }) => {
    const candidates = keyid ? keys.filter((key) => key.keyId === keyid) : keys;
    const signature = Buffer.from(sig, 'base64');
    const by = candidates.find((key) => verifies(key.publicKeyPem, message, signature));
    return by ? [{ keyId: by.keyId }] : [];
  });
}

function verifies(publicKeyPem: string, message: Buffer, signature: Buffer): boolean {
  try {
    return signatureVerifies(publicKeyPem, message, signature);
  } catch {
    return false;
  }
}
