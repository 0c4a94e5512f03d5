import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RecordedEventDto } from './recorded-event.dto';

/** A recorded event as the audit routes write it: revisions and positions as strings. */
export class RecordedEventAnswer implements RecordedEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  type!: string;
  streamId!: string;
  /** The event's revision in its stream, a decimal string (JSON numbers lose precision past 2^53). */
  revision!: string;
  /** The event's place in the log: pass it as `after` to page on. */
  position!: string;
  @ApiProperty({ description: 'the fact as recorded' })
  data!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'actor, recordedAt, correlation and causation ids' })
  metadata!: Record<string, string | undefined>;
  @ApiPropertyOptional({ description: "the event's leaf in the log's Merkle tree (GET /api/v1/log/proof/inclusion), once notarised" })
  leafIndex?: number;
}

export class LogPageAnswer {
  events!: RecordedEventAnswer[];
  /** Pass as `after` for the next page; null at the end of the log. */
  next!: string | null;
}

export class StreamPageAnswer {
  streamId!: string;
  events!: RecordedEventAnswer[];
  /** Pass as `from` for the next page; null at the end of the stream. */
  next!: string | null;
}
