import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldProblems, listedProblems } from './problem-list';
import { untransformableJson } from './transformable-json';

/**
 * Validates a value with a DTO's rules, as the global pipe does, for input that does not arrive
 * as one typed body (a route with two body shapes, a Kafka message). 400 lists the broken rules
 * (the first 100, then how many more; see problem-list.ts), nested ones too (builds.1.version ...).
 */
export function validated<T extends object>(type: new () => T, value: unknown): T {
  const untransformable = untransformableJson(value);
  if (untransformable !== undefined) throw new BadRequestException([untransformable]);
  const instance = plainToInstance(type, value ?? {});
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new BadRequestException(listedProblems(fieldProblems(errors)));
  return instance;
}
