import { NoteVerifier, openNote, parseCheckpoint, parseNote } from '@provenance/transparency';
import type { Statement } from './statement';

/**
 * The predicate field naming the tamper-evident log's signed checkpoint whose tree holds every
 * fact the statement rests on. in-toto v1 lets producers add extension fields to any object;
 * the prefix keeps ours from colliding with anyone's.
 */
export const LOG_FIELD = 'releaseProvenance_log';

export interface LogReference {
  origin: string;
  treeSize: number;
  /** base64, as the checkpoint writes it. */
  rootHash: string;
  /** The checkpoint as the log signed it (a C2SP signed note): keep it, and later have the log prove it only grew since. */
  checkpoint: string;
}

export function logReferenceOf(checkpoint: string): LogReference {
  const body = parseCheckpoint(parseNote(checkpoint).text);
  return { origin: body.origin, treeSize: body.treeSize, rootHash: body.rootHash.toString('base64'), checkpoint };
}

export function withLogReference<P extends object>(statement: Statement<P>, reference: LogReference | undefined): Statement<P> {
  return reference ? { ...statement, predicate: { ...statement.predicate, [LOG_FIELD]: reference } } : statement;
}

/**
 * What a statement's log reference says, checked: the note's own size and root are the ones the
 * fields name and, given the log's key, the log signed it. A problem is a sentence; none is null.
 */
export function logReferenceProblem(value: unknown, logKey: NoteVerifier | undefined): string | null {
  const reference = value as Partial<LogReference> | null;
  if (typeof reference !== 'object' || reference === null || typeof reference.checkpoint !== 'string') return `${LOG_FIELD} holds no checkpoint`;
  let body;
  try {
    body = parseCheckpoint(logKey ? openNote(reference.checkpoint, logKey) : parseNote(reference.checkpoint).text);
  } catch (error) {
    return logKey ? `its checkpoint is not signed by ${logKey.name}: ${(error as Error).message}` : `its checkpoint is not a signed note: ${(error as Error).message}`;
  }
  if (body.treeSize !== reference.treeSize || body.rootHash.toString('base64') !== reference.rootHash || body.origin !== reference.origin) {
    return `${LOG_FIELD} says ${reference.origin} at size ${reference.treeSize}, root ${reference.rootHash}; its checkpoint says ${body.origin} at size ${body.treeSize}, root ${body.rootHash.toString('base64')}`;
  }
  return null;
}
