/* Rows in the text format of PostgreSQL's COPY: columns separated by tabs, one row a line. */

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value: \N for null; JSON for a jsonb column or an object; backslash, newline, carriage return and tab escaped. */
export function copyValue(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '\\N';
  const text = json || typeof value === 'object' ? JSON.stringify(value) : `${value as string | number | boolean | bigint}`;
  return SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (character) => ESCAPES[character]) : text;
}

/** One row's line, its values in the columns' order; `json[n]` says whether column n is jsonb. */
export function copyLine(values: unknown[], json: boolean[]): string {
  let line = '';
  for (let n = 0; n < values.length; n++) line += (n === 0 ? '' : '\t') + copyValue(values[n], json[n]);
  return `${line}\n`;
}
