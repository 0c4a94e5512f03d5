import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { EVENT_STORE, EventStore, LogPosition } from '@provenance/event-store';
import { Allow } from '../auth/allow.decorator';
import { MAY_READ } from '../auth/roles';
import { AuditEventsQuery, StreamQuery } from './audit.queries';
import { RecordedEventDto, toRecordedEventDto } from './recorded-event.dto';

/** The raw immutable facts, with their metadata, for auditors. */
@Controller('api/v1')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** A page of the global log; pass the last event's `position` as `after` for the next page. */
  @Get('audit/events')
  @Allow(MAY_READ)
  async events(@Query() query: AuditEventsQuery): Promise<{ events: RecordedEventDto[]; next: string | null }> {
    const events = await this.store.readAll({ after: query.after as LogPosition | undefined, limit: query.limit });
    return {
      events: events.map(toRecordedEventDto),
      next: events.length === query.limit ? events[events.length - 1].position : null,
    };
  }

  @Get('streams/:streamId')
  @Allow(MAY_READ)
  async stream(@Param('streamId') streamId: string, @Query() query: StreamQuery): Promise<{ streamId: string; events: RecordedEventDto[] }> {
    const events = await this.store.readStream(streamId, {
      from: query.from === undefined ? undefined : BigInt(query.from),
      direction: query.direction,
      limit: query.limit,
    });
    return { streamId, events: events.map(toRecordedEventDto) };
  }
}
