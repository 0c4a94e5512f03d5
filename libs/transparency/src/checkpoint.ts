import { HASH_BYTES } from './merkle-hash';

/** A tree head in the C2SP tlog-checkpoint format: the note text a log signs. */
export interface Checkpoint {
  /** The log's identity, e.g. `example.com/log`; also the signing key's name. */
  origin: string;
  treeSize: number;
  rootHash: Buffer;
}

export class MalformedCheckpoint extends Error {
  override readonly name = 'MalformedCheckpoint';
}

/** The note text: origin, decimal tree size, base64 root hash, each ending in a newline (no extension lines). */
export function checkpointText({ origin, treeSize, rootHash }: Checkpoint): string {
  if (!isOrigin(origin)) throw new MalformedCheckpoint(`the origin ${JSON.stringify(origin)} must be non-empty, without spaces or "+"`);
  return `${origin}\n${treeSize}\n${rootHash.toString('base64')}\n`;
}

/** Reads a checkpoint's note text; extension lines are allowed and ignored, as the format asks. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new MalformedCheckpoint('a checkpoint ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new MalformedCheckpoint('a checkpoint has at least three lines: origin, tree size, root hash');
  const [origin, size, root, ...extensions] = lines;
  if (origin === '') throw new MalformedCheckpoint('the origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new MalformedCheckpoint(`the tree size ${JSON.stringify(size)} is not a decimal number without leading zeros`);
  }
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== HASH_BYTES || rootHash.toString('base64') !== root) {
    throw new MalformedCheckpoint(`the root hash ${JSON.stringify(root)} is not the base64 of ${HASH_BYTES} bytes`);
  }
  if (extensions.some((line) => line === '')) throw new MalformedCheckpoint('an extension line is empty');
  return { origin, treeSize: Number(size), rootHash };
}

export function isOrigin(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}
