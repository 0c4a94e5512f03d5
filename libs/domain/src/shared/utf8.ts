/**
 * Where `bytes` stop being UTF-8, as `byte 0xff at offset 17` (the first byte of the first
 * ill-formed sequence, counted from 0), or undefined when they are well-formed UTF-8 (Unicode
 * table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF, no cut-off sequence).
 * Decoders replace such bytes with U+FFFD and carry on; facts must not be recorded that way.
 */
export function utf8ErrorIn(bytes: Uint8Array): string | undefined {
  const offset = firstInvalidOffset(bytes);
  return offset === undefined ? undefined : `byte 0x${bytes[offset].toString(16).padStart(2, '0')} at offset ${offset}`;
}

function firstInvalidOffset(bytes: Uint8Array): number | undefined {
  for (let at = 0; at < bytes.length; ) {
    const lead = bytes[at];
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    const form = sequenceOf(lead);
    if (form === undefined || at + form.length > bytes.length) return at;
    if (bytes[at + 1] < form.secondLow || bytes[at + 1] > form.secondHigh) return at;
    for (let next = at + 2; next < at + form.length; next++) if (bytes[next] < 0x80 || bytes[next] > 0xbf) return at;
    at += form.length;
  }
  return undefined;
}

/** A lead byte's sequence length and the range its second byte must fall in. */
function sequenceOf(lead: number): { length: number; secondLow: number; secondHigh: number } | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, secondLow: 0x80, secondHigh: 0xbf };
  if (lead === 0xe0) return { length: 3, secondLow: 0xa0, secondHigh: 0xbf };
  if (lead === 0xed) return { length: 3, secondLow: 0x80, secondHigh: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, secondLow: 0x80, secondHigh: 0xbf };
  if (lead === 0xf0) return { length: 4, secondLow: 0x90, secondHigh: 0xbf };
  if (lead === 0xf4) return { length: 4, secondLow: 0x80, secondHigh: 0x8f };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, secondLow: 0x80, secondHigh: 0xbf };
  return undefined;
}
