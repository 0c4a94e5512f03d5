/**
 * An identifier (a repository, sha, package, version, file, image, node, environment, run,
 * deployment, patch or request name, a digest, a URL) is compared, looked up and shown to people
 * who act on it. A bidi control can make `katcomp<U+202E>gpj.exe` read as `katcompexe.jpg`; an
 * invisible character makes two names that look alike differ. So identifiers may hold none of
 * them, nor any other format or control character, nor U+FFFD (the trace of text that was not
 * valid UTF-8). Free text (a commit message, an author, a reason) may: it is shown escaped.
 */

/** Names of the characters people most often meet hidden in a name. */
const NAMED: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
  0xfffd: 'REPLACEMENT CHARACTER',
};

// Invisible letters and marks that are neither format nor control characters.
const INVISIBLE = new Set([0x034f, 0x115f, 0x1160, 0x3164, 0xffa0]);
const FORMAT_OR_CONTROL = /^[\p{Cc}\p{Cf}]$/u;
const LONE_SURROGATE = /^\p{Cs}$/u;

const isVariationSelector = (codePoint: number) => (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef);

/**
 * A character that is not shown, or that changes how the text around it is shown: bidi
 * controls, zero-width and other invisible characters, variation selectors, every Unicode
 * format (Cf) and control (Cc) character. The CLI shows these escaped wherever it prints text.
 */
export function isHiddenCharacter(character: string): boolean {
  const codePoint = character.codePointAt(0) ?? 0;
  return FORMAT_OR_CONTROL.test(character) || INVISIBLE.has(codePoint) || isVariationSelector(codePoint);
}

const isRefusedInIdentifier = (character: string) => isHiddenCharacter(character) || character === '\ufffd' || LONE_SURROGATE.test(character);

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, or the kind of character when it has no common name. */
export function describeCodePoint(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const label = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  if (NAMED[codePoint]) return `${label} ${NAMED[codePoint]}`;
  if (isVariationSelector(codePoint)) return `${label} VARIATION SELECTOR-${codePoint <= 0xfe0f ? codePoint - 0xfe00 + 1 : codePoint - 0xe0100 + 17}`;
  if (LONE_SURROGATE.test(character)) return `${label} (half of a surrogate pair, alone)`;
  return `${label} (a ${/^\p{Cc}$/u.test(character) ? 'control' : 'format'} character)`;
}

/**
 * Why `text` cannot be an identifier, e.g. `must not contain U+202E RIGHT-TO-LEFT OVERRIDE
 * (character 8)`, counting characters from 1; undefined when it can.
 */
export function identifierProblem(text: string): string | undefined {
  let position = 0;
  for (const character of text) {
    position += 1;
    if (isRefusedInIdentifier(character)) return `must not contain ${describeCodePoint(character)} (character ${position})`;
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Free text for a terminal: hidden characters and lone surrogates as `\u202e` (`\u{e0041}` past
 * U+FFFF), line breaks and tabs as `\n`, `\r`, `\t`.
 */
export function escapeHiddenCharacters(text: string): string {
  let shown = '';
  for (const character of text) {
    if (!isHiddenCharacter(character) && !LONE_SURROGATE.test(character)) {
      shown += character;
      continue;
    }
    const hex = (character.codePointAt(0) ?? 0).toString(16);
    shown += ESCAPES[character] ?? (hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`);
  }
  return shown;
}
