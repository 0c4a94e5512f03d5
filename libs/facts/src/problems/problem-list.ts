import type { ValidationError } from 'class-validator';
import { atField, underParent } from './nested-message';

/** The most problems a 400 lists; the rest are only counted, so a body with 250,000 mistakes gets a short answer. */
export const LISTED_PROBLEMS = 100;

/** The first LISTED_PROBLEMS problems and, when there are more, `and <n> more problems`. */
export function listedProblems(problems: Iterable<string>): string[] {
  const listed: string[] = [];
  let more = 0;
  for (const problem of problems) {
    if (listed.length < LISTED_PROBLEMS) listed.push(problem);
    else more++;
  }
  return more === 0 ? listed : [...listed, `and ${more} more problems`];
}

/**
 * Every broken rule as the global validation pipe words it (`builds.0.package must be ...`),
 * one at a time; a field's own rules come before those of what it holds.
 */
export function* pipeProblems(errors: ValidationError[], parentPath?: string): Generator<string> {
  for (const error of errors) {
    for (const message of Object.values(error.constraints ?? {})) yield parentPath ? underParent(parentPath, message) : message;
    if (error.children?.length) yield* pipeProblems(error.children, parentPath ? `${parentPath}.${error.property}` : error.property);
  }
}

/** Every broken rule as `validated()` words it (`builds.0.package: package must be ...`), one at a time. */
export function* fieldProblems(errors: ValidationError[], path = ''): Generator<string> {
  for (const error of errors) {
    const where = path ? `${path}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) yield path ? atField(where, message) : message;
    if (error.children?.length) yield* fieldProblems(error.children, where);
  }
}
