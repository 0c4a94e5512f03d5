import { describeCodePoint, escapeHiddenCharacters, identifierProblem, isHiddenCharacter } from './identifier';

describe('identifiers: what they may not hide', () => {
  it('given the stream name from the issue, then the right-to-left override is named with its position', () => {
    expect(identifierProblem('commit-katcomp\u202egpj.exe@a1b2')).toBe('must not contain U+202E RIGHT-TO-LEFT OVERRIDE (character 15)');
  });

  it('given ordinary identifiers, including names in other scripts, then there is no problem', () => {
    for (const identifier of [
      'https://github.com/ska-sa/katcomp',
      'sha256:4c1f8e2a9b3d7c5e0f6a2b8d4c1e9f3a7b5d0c2e8f4a6b1d3c9e7f5a0b2d4c6e',
      '1.4.2.dev37+g0a1b2c3',
      'katcomp-1.4.0-py3-none-any.whl',
      'Ŝipho-日本-שלום',
      'telescope-🔭',
    ]) {
      expect(identifierProblem(identifier)).toBeUndefined();
    }
  });

  const refused: [string, string][] = [
    ['\u202a', 'U+202A LEFT-TO-RIGHT EMBEDDING'],
    ['\u202b', 'U+202B RIGHT-TO-LEFT EMBEDDING'],
    ['\u202c', 'U+202C POP DIRECTIONAL FORMATTING'],
    ['\u202d', 'U+202D LEFT-TO-RIGHT OVERRIDE'],
    ['\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
    ['\u2067', 'U+2067 RIGHT-TO-LEFT ISOLATE'],
    ['\u2068', 'U+2068 FIRST STRONG ISOLATE'],
    ['\u2069', 'U+2069 POP DIRECTIONAL ISOLATE'],
    ['\u200e', 'U+200E LEFT-TO-RIGHT MARK'],
    ['\u200f', 'U+200F RIGHT-TO-LEFT MARK'],
    ['\u061c', 'U+061C ARABIC LETTER MARK'],
    ['\u200b', 'U+200B ZERO WIDTH SPACE'],
    ['\u200c', 'U+200C ZERO WIDTH NON-JOINER'],
    ['\u200d', 'U+200D ZERO WIDTH JOINER'],
    ['\u2060', 'U+2060 WORD JOINER'],
    ['\u2064', 'U+2064 INVISIBLE PLUS'],
    ['\ufeff', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ['\u00ad', 'U+00AD SOFT HYPHEN'],
    ['\u180e', 'U+180E MONGOLIAN VOWEL SEPARATOR'],
    ['\u115f', 'U+115F HANGUL CHOSEONG FILLER'],
    ['\u1160', 'U+1160 HANGUL JUNGSEONG FILLER'],
    ['\u3164', 'U+3164 HANGUL FILLER'],
    ['\uffa0', 'U+FFA0 HALFWIDTH HANGUL FILLER'],
    ['\ufe00', 'U+FE00 VARIATION SELECTOR-1'],
    ['\ufe0f', 'U+FE0F VARIATION SELECTOR-16'],
    ['\u{e0100}', 'U+E0100 VARIATION SELECTOR-17'],
    ['\ufffd', 'U+FFFD REPLACEMENT CHARACTER'],
    ['\u0000', 'U+0000 (a control character)'],
    ['\u0007', 'U+0007 (a control character)'],
    ['\u009b', 'U+009B (a control character)'],
    ['\u0600', 'U+0600 (a format character)'],
    ['\u{e0041}', 'U+E0041 (a format character)'],
    ['\ud800', 'U+D800 (half of a surrogate pair, alone)'],
  ];

  it.each(refused)('given %j inside a name, then it is refused and named', (character, described) => {
    expect(identifierProblem(`katcomp${character}1.4`)).toBe(`must not contain ${described} (character 8)`);
  });

  it('given a character outside the basic plane before the hidden one, then the position counts characters, not UTF-16 units', () => {
    expect(identifierProblem('🔭\u200b')).toBe('must not contain U+200B ZERO WIDTH SPACE (character 2)');
  });

  it('given a code point, then it is described with four hex digits at least', () => {
    expect(describeCodePoint('\u0007')).toBe('U+0007 (a control character)');
  });
});

describe('hidden characters in free text', () => {
  it('given letters, marks and the replacement character, then they are not hidden', () => {
    for (const character of ['a', 'é', '\u0301', 'ש', '日', '🔭', '\ufffd', ' ']) expect(isHiddenCharacter(character)).toBe(false);
  });

  it('given a commit message with bidi controls, invisible characters and line breaks, then each is shown escaped', () => {
    expect(escapeHiddenCharacters('Fix \u200bpointing \u202esledom\nsee #12\t\u{e0041}\ud800')).toBe(
      'Fix \\u200bpointing \\u202esledom\\nsee #12\\t\\u{e0041}\\ud800',
    );
  });
});
