/* Rows in the text format of PostgreSQL's COPY: columns separated by tabs, one row a line. */

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value: \N for null; JSON for a jsonb column or an object; backslash, newline, carriage return and tab escaped. */
export function copyValue(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '\\N';
  const text = json || typeof value === 'object' ? JSON.stringify(value) : `${value as string | number | boolean | bigint}`;
  return SPECIAL.test(text) ? text.replace(/[\\\n\r\t]/g, (character) => ESCAPES[character]) : text;
}

/** Rows as lines, a row's values in the columns' order: `valueOf(row, n)` is column n's, and `json[n]` says whether it is jsonb. */
export function copyLines<Row>(rows: Iterable<Row>, valueOf: (row: Row, column: number) => unknown, json: boolean[]): string {
  let text = '';
  for (const row of rows) {
    for (let n = 0; n < json.length; n++) text += (n === 0 ? '' : '\t') + copyValue(valueOf(row, n), json[n]);
    text += '\n';
  }
  return text;
}
