import { escapeHiddenCharacters } from '@provenance/domain';

/**
 * Rows as an aligned text table, for people; scripts use --json. Free text may hold bidi
 * controls and invisible characters (identifiers may not): they are shown escaped, `\u202e`,
 * so a cell cannot reorder or hide what is printed after it.
 */
export function table(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => (cell === null || cell === undefined ? '-' : escapeHiddenCharacters(String(cell)))));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(cells[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export const short = (digest: string | null | undefined) => (digest ? digest.replace(/^sha256:/, '').slice(0, 12) : null);
