import { digestOfBytes, Envelope, Statement } from '@provenance/attestations';
import type { Message } from 'kafkajs';

/** The DSSE envelope's media type, as the message's `content-type` header. */
export const DSSE_ENVELOPE_TYPE = 'application/vnd.dsse.envelope.v1+json';

/**
 * One signed statement as a message of the attestations topic: the envelope's JSON (a bundle's
 * line without its newline), keyed by the hex SHA-256 of the statement's first subject (an
 * image's digest without `sha256:`, a wheel's sha256), so an image's statements share a
 * partition. Headers: `statement-digest` (hex SHA-256 of the payload: how consumers
 * deduplicate, and how statements name each other), `predicate-type`, `keyid`. Pure: the same
 * statement signed with the same Ed25519 key is the same message.
 */
export function attestationMessage(statement: Statement<object>, envelope: Envelope): Message {
  const subject = statement.subject[0]?.digest?.sha256;
  if (!subject) throw new Error(`a ${statement.predicateType} statement without a sha256 subject cannot be keyed`);
  return {
    key: subject,
    value: JSON.stringify(envelope),
    headers: {
      'content-type': DSSE_ENVELOPE_TYPE,
      'statement-digest': statementDigestOf(envelope),
      'predicate-type': statement.predicateType,
      keyid: envelope.signatures.map((signature) => signature.keyid).join(','),
    },
  };
}

/** Hex SHA-256 of the envelope's payload, i.e. of the statement's canonical bytes. */
export const statementDigestOf = (envelope: Envelope): string => digestOfBytes(Buffer.from(envelope.payload, 'base64'));
