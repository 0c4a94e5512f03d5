import { createHash } from 'node:crypto';
import { canonicalJsonBytes } from '@provenance/signing';
import { URIS } from './uris';

/** in-toto ResourceDescriptor: at least one of `uri`, `digest`, `content`. */
export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest?: Record<string, string>;
  downloadLocation?: string;
  mediaType?: string;
  annotations?: Record<string, unknown>;
}

/** in-toto Statement v1. */
export interface Statement<P extends object = Record<string, unknown>> {
  _type: typeof URIS.statement;
  subject: ResourceDescriptor[];
  predicateType: string;
  predicate: P;
}

/** A reference a fact makes that is not on record (yet): said, never filled in. */
export interface Unresolved {
  kind: string;
  reference: string;
  neededBy: string;
}

export const statementOf = <P extends object>(subject: ResourceDescriptor[], predicateType: string, predicate: P): Statement<P> => ({
  _type: URIS.statement,
  subject,
  predicateType,
  predicate,
});

/** The statement's bytes as signed: RFC 8785, so the same facts always give the same bytes. */
export const statementBytes = (statement: Statement<object>): Buffer => canonicalJsonBytes(statement);

/** Hex SHA-256 of the statement's bytes: how other statements name it. */
export const digestOfBytes = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
export const statementDigest = (statement: Statement<object>): string => digestOfBytes(statementBytes(statement));

/** `sha256:<hex>` as a ResourceDescriptor digest. */
export function sha256Digest(digest: string): { sha256: string } {
  return { sha256: digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : digest };
}

/** The image as a subject: its file name when recorded, always its digest. */
export function imageSubject(digest: string, name: string | null | undefined): ResourceDescriptor {
  return name ? { name, digest: sha256Digest(digest) } : { digest: sha256Digest(digest) };
}

/** A statement another one rests on, by digest, the way VSAs name their input attestations. */
export const attestationReference = (statement: Statement<object>): ResourceDescriptor => ({
  name: statement.predicateType,
  digest: { sha256: statementDigest(statement) },
});
