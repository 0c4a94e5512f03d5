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

/** The whitespace-separated words of an entry, found in one pass over each segment. */
export function tokensOf(segments: Segment[]): Token[] {
  const tokens: Token[] = [];
  segments.forEach((segment, index) => {
    const { text, line } = segment;
    let start = -1;
    for (let at = 0; at <= text.length; at++) {
      const blank = at === text.length || isWhitespace(text.charCodeAt(at));
      if (blank && start >= 0) {
        tokens.push({ text: text.slice(start, at), line, segment: index, start, end: at });
        start = -1;
      } else if (!blank && start < 0) {
        start = at;
      }
    }
  });
  return tokens;
}

/** What `\s` matches in a JavaScript regular expression, one UTF-16 code unit at a time. */
function isWhitespace(code: number): boolean {
  return (
    code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * The text the tokens span as written (inner spacing kept), segments joined by one space.
 * Tokens come in segment order, so one pass groups them (a filter per segment was quadratic
 * for a requirement continued over thousands of lines).
 */
export function textOf(segments: Segment[], tokens: Token[]): string {
  const parts: string[] = [];
  for (let first = 0; first < tokens.length; ) {
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1].segment === tokens[first].segment) last++;
    parts.push(segments[tokens[first].segment].text.slice(tokens[first].start, tokens[last].end));
    first = last + 1;
  }
  return parts.join(' ');
}
