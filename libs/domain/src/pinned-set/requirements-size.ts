/** A requirements text's size, measured before it is parsed. */
export interface RequirementsSize {
  /** Physical lines, as the parser splits them (`\r\n`, `\n` or `\r`); counting stops past `maxLines`. */
  lines: number;
  /** About what the text grows to as a recorded pinned set: its UTF-8 bytes plus EXPANDED_BYTES_PER_LINE per line. */
  expandedBytes: number;
}

/**
 * The JSON a requirement line becomes in the event around its own text (`{"name":…,"version":…,
 * "extras":[],"marker":null,"url":null,"hashes":[],"via":[],"editable":false}`): a line of 16
 * characters became 113 bytes.
 */
export const EXPANDED_BYTES_PER_LINE = 128;

const LF = 0x0a;
const CR = 0x0d;

/** One pass over the text, no copies; stops counting once it has seen more than `maxLines` lines. */
export function requirementsSizeOf(text: string, maxLines = Infinity): RequirementsSize {
  let lines = 1;
  let bytes = 0;
  for (let index = 0; index < text.length && lines <= maxLines; index++) {
    const code = text.charCodeAt(index);
    if (code === LF || (code === CR && text.charCodeAt(index + 1) !== LF)) lines++;
    // UTF-8: one byte below U+0080, two below U+0800, four for a surrogate pair (two units), else three.
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
  }
  return { lines, expandedBytes: bytes + lines * EXPANDED_BYTES_PER_LINE };
}
