import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A bare name in ORDER BY means the output column of that name before the table's column. When a
 * query selects `x::text AS x` (or formats a timestamp into `x`), `ORDER BY x` sorts the text:
 * "99" after "100", and no index can serve it. This has cost a stale read-model wait, batches
 * answered out of order and whole-table sorts; each query names the table's column instead.
 */
const ROOT = join(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|sql)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Names a query gives to a text form of the column of the same name: `x::text AS x`, `${iso('x')} AS x`, `to_char(x ...) AS x`. */
function textAliasesOf(query: string): Set<string> {
  const patterns = [/(?:\w+\.)?(\w+)\s*\)?\s*::\s*text\s+AS\s+(\w+)/gi, /\$\{iso\('(?:\w+\.)?(\w+)'\)\}\s+AS\s+(\w+)/g, /to_char\((?:\w+\.)?(\w+)[^)]*\)\)?\s+AS\s+(\w+)/gi];
  return new Set(patterns.flatMap((pattern) => [...query.matchAll(pattern)].filter(([, column, alias]) => column === alias).map(([, , alias]) => alias)));
}

function aliasesInOrderBy(query: string): string[] {
  const aliases = textAliasesOf(query);
  const clauses = [...query.matchAll(/ORDER BY ([\s\S]*?)(?:LIMIT|OFFSET|\)|$)/gi)].map(([, clause]) => clause);
  return [...aliases].filter((alias) => clauses.some((clause) => new RegExp(`(?<![.\\w])${alias}(?!\\w)`).test(clause)));
}

describe('ORDER BY in the SQL of libs/ and apps/', () => {
  it('given a query that selects a text form of a column under its own name, then its ORDER BY names the table column, not that alias', () => {
    const offenders = sourceFiles(join(ROOT, 'libs'))
      .concat(sourceFiles(join(ROOT, 'apps')))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const queries = [...text.matchAll(/`([^`]*)`|'([^'\n]{20,})'/g)].map(([, template, quoted]) => template ?? quoted);
        return queries.flatMap((query) => aliasesInOrderBy(query).map((alias) => `${relative(ROOT, file)}: ORDER BY ${alias} (the text alias)`));
      });

    expect(offenders).toEqual([]);
  });

  it('given the query newestEventIn ran before its fix, then the check names it', () => {
    expect(aliasesInOrderBy('SELECT transaction_id::text AS transaction_id, position::text AS position FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1')).toEqual([
      'transaction_id',
      'position',
    ]);
    expect(aliasesInOrderBy('SELECT transaction_id::text AS transaction_id FROM events ORDER BY events.transaction_id DESC LIMIT 1')).toEqual([]);
  });
});
