/** The part of one physical line that belongs to a logical line, without its `\` and comment. */
export interface Segment {
  line: number;
  text: string;
}

/**
 * A logical line: a requirement or option, with its `\` continuation lines joined in, or a
 * whole-line comment, or a blank line. `line` is the 1-based number of its first physical line.
 */
export type SourceLine =
  | { kind: 'blank'; line: number }
  | { kind: 'comment'; line: number; text: string }
  | { kind: 'entry'; line: number; segments: Segment[]; comments: string[] };

/** A whitespace-separated word of an entry, with where it stands. */
export interface Token {
  text: string;
  line: number;
  segment: number;
  start: number;
  end: number;
}

// pip's rule: '#' starts a comment only at the start of a line or after whitespace, so a URL's
// '#egg=' fragment survives.
const INLINE_COMMENT = /(^|\s)#/;

type OpenEntry = { line: number; segments: Segment[]; comments: string[] };

export function sourceLinesOf(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let open: OpenEntry | null = null;
  for (const [index, raw] of text.split(/\r\n|\n|\r/).entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      // Like pip, a blank or comment line ends a continuation: old pip-compile wrote `\` after
      // the last hash and put `# via` on the next line.
      if (open) lines.push({ kind: 'entry', ...open });
      open = null;
      lines.push(trimmed === '' ? { kind: 'blank', line } : { kind: 'comment', line, text: trimmed });
      continue;
    }
    const commentAt = raw.search(INLINE_COMMENT);
    const code = (commentAt < 0 ? raw : raw.slice(0, commentAt)).trimEnd();
    const continues = code.endsWith('\\');
    const entry: OpenEntry = open ?? { line, segments: [], comments: [] };
    entry.segments.push({ line, text: continues ? code.slice(0, -1) : code });
    if (commentAt >= 0) entry.comments.push(raw.slice(commentAt).trim());
    if (continues) {
      open = entry;
    } else {
      lines.push({ kind: 'entry', ...entry });
      open = null;
    }
  }
  if (open) lines.push({ kind: 'entry', ...open });
  return lines;
}

export function tokensOf(segments: Segment[]): Token[] {
  return segments.flatMap((segment, index) =>
    [...segment.text.matchAll(/\S+/g)].map((match) => ({
      text: match[0],
      line: segment.line,
      segment: index,
      start: match.index,
      end: match.index + match[0].length,
    })),
  );
}

/** The text the tokens span as written (inner spacing kept), segments joined by one space. */
export function textOf(segments: Segment[], tokens: Token[]): string {
  const parts: string[] = [];
  for (let index = 0; index < segments.length; index++) {
    const inSegment = tokens.filter((token) => token.segment === index);
    if (inSegment.length === 0) continue;
    parts.push(segments[index].text.slice(inSegment[0].start, inSegment[inSegment.length - 1].end));
  }
  return parts.join(' ');
}
