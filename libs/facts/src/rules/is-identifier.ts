import { ValidateBy, ValidationArguments } from 'class-validator';
import { identifierProblem } from '@provenance/domain';

/**
 * An identifier, or a list of them: no bidi controls, invisible, format or control characters
 * and no U+FFFD (the rule is `identifierProblem` in the domain). The message names the field
 * (and the item of a list), the character and where it is. Free text does not take this rule.
 */
export function IsIdentifier() {
  return ValidateBy({
    name: 'isIdentifier',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => problemOf(args?.property ?? 'value', value) === undefined,
      defaultMessage: (args?: ValidationArguments) => problemOf(args?.property ?? 'value', args?.value) ?? '',
    },
  });
}

/** Values of other types are left to the field's other rules. */
function problemOf(field: string, value: unknown): string | undefined {
  if (typeof value === 'string') {
    const problem = identifierProblem(value);
    return problem && `${field} ${problem}`;
  }
  if (!Array.isArray(value)) return undefined;
  for (const [index, item] of value.entries()) {
    const problem = typeof item === 'string' ? identifierProblem(item) : undefined;
    if (problem) return `${field}[${index}] ${problem}`;
  }
  return undefined;
}
