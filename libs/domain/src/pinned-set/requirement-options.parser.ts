import type { Token } from './requirements-text.lexer';
import { RequirementsSyntaxError } from './requirements-syntax.error';

/** What a file-level option line does to the pinned set. */
export type FileOptionRole = 'editable' | 'index-url' | 'extra-index-url' | 'ignored-with-value' | 'ignored-flag' | 'hash';

// The options pip-compile writes at the top of its output, and the -e it writes for editables.
// Anything else (say -r or -c, which would pull in another file) cannot be part of a pinned set.
const FILE_OPTIONS: Record<string, FileOptionRole> = {
  '-e': 'editable',
  '--editable': 'editable',
  '-i': 'index-url',
  '--index-url': 'index-url',
  '--extra-index-url': 'extra-index-url',
  '--trusted-host': 'ignored-with-value',
  '-f': 'ignored-with-value',
  '--find-links': 'ignored-with-value',
  '--no-binary': 'ignored-with-value',
  '--only-binary': 'ignored-with-value',
  '--pre': 'ignored-flag',
  '--prefer-binary': 'ignored-flag',
  '--no-index': 'ignored-flag',
  '--require-hashes': 'ignored-flag',
  '--hash': 'hash',
};

const HASH = /^(sha256|sha384|sha512):([0-9a-fA-F]+)$/;
const HEX_DIGITS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export interface FileOption {
  option: string;
  role: FileOptionRole;
  /** The option's value, or null for a flag. */
  value: Token | null;
  /** The tokens after the option and its value. */
  rest: Token[];
}

/** Splits `--name value`, `--name=value` or `--flag` off the start of an option line. */
export function fileOptionOf(tokens: Token[]): FileOption {
  const [first, ...after] = tokens;
  const equals = first.text.startsWith('--') ? first.text.indexOf('=') : -1;
  const option = equals < 0 ? first.text : first.text.slice(0, equals);
  const role = FILE_OPTIONS[option];
  if (role === undefined) throw new RequirementsSyntaxError(first.line, `unknown option '${option}'`);
  if (role === 'hash') throw new RequirementsSyntaxError(first.line, `'${first.text}' has no requirement before it`);
  if (role === 'ignored-flag') {
    if (equals >= 0) throw new RequirementsSyntaxError(first.line, `'${option}' takes no value`);
    return { option, role, value: null, rest: after };
  }
  if (equals >= 0) return { option, role, value: { ...first, text: first.text.slice(equals + 1), start: first.start + equals + 1 }, rest: after };
  const [value, ...rest] = after;
  if (value === undefined || value.text.startsWith('-')) {
    throw new RequirementsSyntaxError(first.line, `'${option}' needs a value`);
  }
  return { option, role, value, rest };
}

/** Reads the `--hash=algorithm:hex` options that follow a requirement; pip allows no others here. */
export function hashesOf(tokens: Token[]): string[] {
  const hashes: string[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    let hash: Token | undefined;
    if (token.text.startsWith('--hash=')) {
      hash = { ...token, text: token.text.slice('--hash='.length) };
    } else if (token.text === '--hash') {
      hash = tokens[++index];
      if (hash === undefined) throw new RequirementsSyntaxError(token.line, `'--hash' needs a value`);
    } else {
      throw new RequirementsSyntaxError(token.line, `unexpected '${token.text}' after a requirement (only --hash may follow one)`);
    }
    const match = HASH.exec(hash.text);
    if (!match || match[2].length !== HEX_DIGITS[match[1]]) {
      throw new RequirementsSyntaxError(hash.line, `malformed hash '${hash.text}' (expected sha256:, sha384: or sha512: and its hex digest)`);
    }
    hashes.push(hash.text);
  }
  return hashes;
}
