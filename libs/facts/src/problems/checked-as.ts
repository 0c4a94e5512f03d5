import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldProblems, listedProblems } from './problem-list';
import { untransformableJson } from './transformable-json';

/** A value that passed a DTO's rules, as an instance of it, or every broken rule (the first 100, then a count). */
export type Checked<T> = { value: T; problems?: undefined } | { value?: undefined; problems: string[] };

/**
 * A value checked with a DTO's rules, as the HTTP API's validation pipe checks a body
 * (transformed, whitelisted, unknown fields refused), for input that does not arrive as one typed
 * body: a route with two body shapes, a Kafka message, an agent's answer. Problems are worded
 * `builds.0.package: package must be ...` for nested fields.
 */
export function checkedAs<T extends object>(type: new () => T, value: unknown): Checked<T> {
  const untransformable = untransformableJson(value);
  if (untransformable !== undefined) return { problems: [untransformable] };
  const instance = plainToInstance(type, value ?? {});
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length > 0 ? { problems: listedProblems(fieldProblems(errors)) } : { value: instance };
}
