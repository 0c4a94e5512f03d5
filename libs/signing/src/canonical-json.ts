/**
 * RFC 8785 (JSON Canonicalization Scheme): members sorted by their names' UTF-16 code units,
 * no whitespace, numbers and strings written as ECMAScript's JSON.stringify writes them. The
 * same value always gives the same bytes, so a digest or signature over them can be checked by
 * anyone who re-serialises the value.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

export const canonicalJsonBytes = (value: unknown): Buffer => Buffer.from(canonicalJson(value), 'utf8');

function write(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return number(value, path);
  if (typeof value === 'string') return string(value, path);
  if (Array.isArray(value)) return `[${value.map((item, index) => write(item, `${path}[${index}]`)).join(',')}]`;
  if (typeof value === 'object') return object(value as Record<string, unknown>, path);
  throw new TypeError(`${path} is ${typeof value}, which JSON cannot hold`);
}

function object(value: Record<string, unknown>, path: string): string {
  // Default string order is UTF-16 code-unit order, the order RFC 8785 §3.2.3 asks for.
  const names = Object.keys(value).filter((name) => value[name] !== undefined).sort();
  return `{${names.map((name) => `${string(name, path)}:${write(value[name], `${path}.${name}`)}`).join(',')}}`;
}

function number(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot hold`);
  return JSON.stringify(value);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function string(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new TypeError(`${path} holds a lone surrogate, which is not I-JSON (RFC 7493)`);
  return JSON.stringify(value);
}
