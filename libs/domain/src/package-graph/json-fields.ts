import { identifierProblem } from '../shared/identifier';
import { PackageGraphFormatError } from './package-graph-format.error';

export type JsonRecord = Record<string, unknown>;

export function recordAt(value: unknown, path: string): JsonRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PackageGraphFormatError(path, `expected an object, found ${describe(value)}`);
  }
  return value as JsonRecord;
}

export function arrayAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new PackageGraphFormatError(path, `expected an array, found ${describe(value)}`);
  return value;
}

/** A package key or installed version: a non-empty identifier. */
export function textAt(record: JsonRecord, key: string, path: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') {
    throw new PackageGraphFormatError(`${path}.${key}`, `expected a non-empty string, found ${describe(value)}`);
  }
  return identifierAt(value, `${path}.${key}`);
}

/** A `required_version`: pipdeptree writes null (older) or "Any" (newer) for an unconstrained dependency. */
export function requiredVersionAt(record: JsonRecord, path: string): string | null {
  const value = record.required_version;
  if (value === undefined || value === null || value === 'Any') return null;
  if (typeof value !== 'string') {
    throw new PackageGraphFormatError(`${path}.required_version`, `expected a string or null, found ${describe(value)}`);
  }
  return identifierAt(value, `${path}.required_version`);
}

function identifierAt(value: string, path: string): string {
  const problem = identifierProblem(value);
  if (problem !== undefined) throw new PackageGraphFormatError(path, problem);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value}'`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
