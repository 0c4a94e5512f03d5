import type { FACT_SCHEMAS, FactType } from './fact-schemas';

type Schemas = typeof FACT_SCHEMAS;
type InstanceOf<C> = C extends new () => infer I ? I : never;
type PathFieldsOf<S> = S extends { path: { dto: infer D } } ? InstanceOf<D> : unknown;

/**
 * A fact as it crosses a boundary (an HTTP body, a Kafka message, an agent's answer): the fields
 * of its route's body DTO, `type`, and for the routes with an id in their path that id.
 * Derived from FACT_SCHEMAS, so it cannot drift from what is validated.
 */
export type FactMessage = { [K in FactType]: { type: K } & InstanceOf<Schemas[K]['body']> & PathFieldsOf<Schemas[K]> }[FactType];

/** The message of one fact type, e.g. `FactOf<'commit'>`. */
export type FactOf<K extends FactType> = Extract<FactMessage, { type: K }>;
