export type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The JSON object a stage command printed: the whole of stdout, or else its last line, so a
 * script that lets a tool chatter on stdout before the answer still works.
 */
export function jsonObjectOf(stdout: string): { object: JsonObject } | { problem: string } {
  const text = stdout.trim();
  if (!text) return { problem: 'stdout is empty' };
  const lines = text.split('\n').filter((line) => line.trim());
  for (const candidate of [text, lines[lines.length - 1]]) {
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (isObject(parsed)) return { object: parsed };
    } catch {
      // not this one; the next candidate, or the problem below
    }
  }
  const start = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return { problem: `stdout is not a JSON object (it starts ${JSON.stringify(start)})` };
}

/** Reads a command's output field by field, collecting each broken rule under the field's name. */
export class OutputFields {
  readonly problems: string[] = [];

  constructor(private readonly output: JsonObject) {}

  text(field: string): string | undefined {
    const value = this.output[field];
    if (typeof value === 'string' && value.length > 0) return value;
    this.problems.push(value === undefined ? `"${field}" is missing: it must be a non-empty string` : `"${field}" must be a non-empty string`);
    return undefined;
  }

  optionalText(field: string): string | undefined {
    const value = this.output[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && value.length > 0) return value;
    this.problems.push(`"${field}" must be a non-empty string when given`);
    return undefined;
  }

  count(field: string, fallback?: number): number | undefined {
    const value = this.output[field];
    if ((value === undefined || value === null) && fallback !== undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
    this.problems.push(value === undefined ? `"${field}" is missing: it must be a whole number, 0 or more` : `"${field}" must be a whole number, 0 or more`);
    return undefined;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.output[field];
    if (value === undefined || value === null) return undefined;
    if (allowed.includes(value as T)) return value as T;
    this.problems.push(`"${field}" must be one of ${allowed.map((choice) => `"${choice}"`).join(', ')} when given`);
    return undefined;
  }

  /** `{filename, sha256}` of a built file, when given. */
  artifact(): { filename: string; sha256: string } | undefined {
    const value = this.output.artifact;
    if (value === undefined || value === null) return undefined;
    if (isObject(value) && typeof value.filename === 'string' && typeof value.sha256 === 'string') {
      return { filename: value.filename, sha256: value.sha256 };
    }
    this.problems.push('"artifact" must be {"filename": "<file name>", "sha256": "<64 hex digits>"} when given');
    return undefined;
  }
}
