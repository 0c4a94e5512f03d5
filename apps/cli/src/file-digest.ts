import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

/** The sha256 of a file, streamed, so a multi-gigabyte image does not have to fit in memory. */
export async function sha256OfFile(path: string): Promise<{ name: string; sha256: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { name: basename(path), sha256: hash.digest('hex') };
}
