import { createHash } from 'node:crypto';
import { canonicalJson, DomainEvent } from '@provenance/domain';

/**
 * A deterministic event id: the same decision on the same stream state always gets the same
 * id, so two identical requests racing each other, or a retry after a lost answer, are
 * recognised by the store as one append.
 *
 * Formatted as an RFC 9562 version-8 UUID (custom, here SHA-256 based). Ids written before
 * were formatted as version 5 though they were never name-based SHA-1; the store accepts both,
 * and no v8 id can equal one of them, so an old id is never reused with other content.
 */
export function eventIdFor(streamId: string, afterRevision: string, index: number, event: DomainEvent): string {
  const hex = createHash('sha256')
    .update(`${streamId}\n${afterRevision}\n${index}\n${event.type}\n${canonicalJson(event.data)}`)
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
