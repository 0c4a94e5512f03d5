/**
 * Why a Kafka message could not be turned into facts:
 * - `malformed`: not a CDEvent (or not a valid CloudEvents envelope around one); fix the producer.
 * - `not-a-fact`: a valid CDEvent of a type this service does not record; safe to skip.
 * - `unsupported-version`: a mapped type at a version whose fields this mapping does not know.
 * - `incomplete`: a mapped CDEvent that lacks what the fact needs; `problems` names each field path
 *   and what to put there.
 */
export type CdEventMappingErrorKind = 'malformed' | 'not-a-fact' | 'unsupported-version' | 'incomplete';

export class CdEventMappingError extends Error {
  override readonly name: string = 'CdEventMappingError';

  constructor(
    readonly kind: CdEventMappingErrorKind,
    readonly problems: string[],
    /** The CDEvent's `context.id`, once the message was readable enough to have one. */
    readonly cdEventId?: string,
  ) {
    super(problems.join('; '));
  }
}

/** A valid CDEvent that is no fact of ours, e.g. `branch.created`: consumers skip it rather than dead-letter it. */
export class NotAFactError extends CdEventMappingError {
  override readonly name = 'NotAFactError';

  constructor(
    readonly cdEventType: string,
    readonly mappedTypes: readonly string[],
    cdEventId?: string,
  ) {
    super('not-a-fact', [`${cdEventType} is not a fact this service records; the mapped CDEvents types are ${mappedTypes.join(', ')}`], cdEventId);
  }
}
