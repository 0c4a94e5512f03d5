import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

/**
 * Validates a value with a DTO's rules, as the global pipe does, for input that does not arrive
 * as one typed body (a route with two body shapes, a Kafka message). 400 lists every broken rule.
 */
export function validated<T extends object>(type: new () => T, value: unknown): T {
  const instance = plainToInstance(type, value ?? {});
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new BadRequestException(errors.flatMap((error) => messagesOf(error)));
  return instance;
}

/** Every broken rule, nested ones too (builds[1].version ...). */
function messagesOf(error: ValidationError, path = ''): string[] {
  const where = path ? `${path}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => (path ? `${where}: ${message}` : message));
  return [...own, ...(error.children ?? []).flatMap((child) => messagesOf(child, where))];
}
