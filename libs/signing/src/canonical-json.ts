/**
 * RFC 8785 (JSON Canonicalization Scheme): members sorted by their names' UTF-16 code units,
 * no whitespace, numbers and strings written as ECMAScript's JSON.stringify writes them. The
 * same value always gives the same bytes, so a digest or signature over them can be checked by
 * anyone who re-serialises the value.
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value);
  } catch (error) {
    if (error instanceof Unwritable) throw new TypeError(`$${error.path.reverse().join('')} ${error.why}`, { cause: error });
    throw error;
  }
}

export const canonicalJsonBytes = (value: unknown): Buffer => Buffer.from(canonicalJson(value), 'utf8');

/** A value JSON cannot hold; where it is is collected on the way out, so values that can be written pay nothing for it. */
class Unwritable extends Error {
  readonly path: string[] = [];
  constructor(readonly why: string) {
    super(why);
  }
}

function write(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return number(value);
  if (typeof value === 'string') return string(value);
  if (Array.isArray(value)) return array(value);
  if (typeof value === 'object') return object(value as Record<string, unknown>);
  throw new Unwritable(`is ${typeof value}, which JSON cannot hold`);
}

function array(value: unknown[]): string {
  let out = '[';
  let index = 0;
  try {
    for (; index < value.length; index++) out += (index > 0 ? ',' : '') + write(value[index]);
  } catch (error) {
    throw located(error, `[${index}]`);
  }
  return `${out}]`;
}

function object(value: Record<string, unknown>): string {
  // Default string order is UTF-16 code-unit order, the order RFC 8785 §3.2.3 asks for.
  const names = Object.keys(value).sort();
  let out = '{';
  for (const name of names) {
    const member = value[name];
    if (member === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${string(name)}:`;
    try {
      out += write(member);
    } catch (error) {
      throw located(error, `.${name}`);
    }
  }
  return `${out}}`;
}

function located(error: unknown, segment: string): unknown {
  if (error instanceof Unwritable) error.path.push(segment);
  return error;
}

function number(value: number): string {
  if (!Number.isFinite(value)) throw new Unwritable(`is ${value}, which JSON cannot hold`);
  return JSON.stringify(value);
}

/** Printable ASCII but `"` and `\`: written as it is, between quotes, by JSON.stringify too. */
const NOTHING_TO_ESCAPE = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function string(value: string): string {
  // Most names, versions, digests and URIs are plain ASCII; this skips two passes over them.
  if (NOTHING_TO_ESCAPE.test(value)) return `"${value}"`;
  if (!value.isWellFormed()) throw new Unwritable('holds a lone surrogate, which is not I-JSON (RFC 7493)');
  return JSON.stringify(value);
}
