import { BadRequestException } from '@nestjs/common';
import { checkedAs } from '@provenance/facts';

/**
 * Validates a value with a DTO's rules, as the global pipe does, for input that does not arrive
 * as one typed body (a route with two body shapes). 400 lists the broken rules (the first 100,
 * then how many more), nested ones too (builds.1.version ...).
 */
export function validated<T extends object>(type: new () => T, value: unknown): T {
  const checked = checkedAs(type, value);
  if (checked.problems) throw new BadRequestException(checked.problems);
  return checked.value;
}
