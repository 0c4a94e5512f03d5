import { shownJson } from '@provenance/domain';
import { FACT_TYPES, isFactType, schemaOf } from './fact-schemas';
import type { FactMessage } from './fact-message';
import { checkedAs } from './problems/checked-as';

export type CheckedFact = { fact: FactMessage; problems?: undefined } | { fact?: undefined; problems: string[] };

/**
 * A fact message checked against its type's schema, as its HTTP route checks it: the fact with
 * its fields transformed, or every broken rule. The content of a pip-compile file or of
 * pipdeptree's output is read by the domain when the fact is recorded, not here.
 */
export function checkedFact(message: unknown): CheckedFact {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { problems: ['a fact message must be a JSON object with a "type" field'] };
  }
  const { type, ...fields } = message as Record<string, unknown>;
  if (!isFactType(type)) return { problems: [`type must be one of ${FACT_TYPES.join(', ')} (got ${shownJson(type)})`] };
  const schema = schemaOf(type);
  if (!schema.path) {
    const body = checkedAs(schema.body, fields);
    return body.problems ? body : { fact: { type, ...body.value } as FactMessage };
  }
  const { [schema.path.field]: id, ...rest } = fields;
  const path = checkedAs(schema.path.dto, { [schema.path.field]: id });
  const body = checkedAs(schema.body, rest);
  if (path.problems || body.problems) return { problems: [...(path.problems ?? []), ...(body.problems ?? [])] };
  return { fact: { type, ...path.value, ...body.value } as FactMessage };
}

/** Every rule a fact message breaks; empty when its type's schema takes it. */
export function factProblems(message: unknown): string[] {
  return checkedFact(message).problems ?? [];
}
