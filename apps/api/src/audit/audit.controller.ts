import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVENT_STORE, EventStore, LogPosition, RecordedEvent, SQL_CONNECTION, SqlConnection } from '@provenance/event-store';
import { leafIndicesOf, leafKey } from '@provenance/notary';
import { Allow } from '../auth/allow.decorator';
import { MAY_READ } from '../auth/roles';
import { REQUEST_LIMITS, RequestLimits } from '../http/request-limits';
import { AuditEventsQuery, StreamQuery } from './audit-queries.dto';
import { writeEventPage } from './event-page';
import { Refuses } from '../http/routes';
import { LogPageAnswer, StreamPageAnswer } from './audit-answers.dto';

const PAGE_BOUNDS =
  'A page holds at most `limit` events and at most PROVENANCE_MAX_PAGE_BYTES bytes of them (default 4 MiB; always at least one event). ' +
  'When a page stopped at either bound, `next` says where to go on; null means there was nothing more.';

/** The raw immutable facts, with their metadata, for auditors. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REQUEST_LIMITS) private readonly limits: RequestLimits,
    @Inject(SQL_CONNECTION) private readonly connection: SqlConnection,
  ) {}

  @Get('audit/events')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403])
  @ApiOperation({
    summary: 'A page of the global log: { events, next }',
    description:
      `Events in log order after \`after\`, only those of streams starting with \`streamPrefix\` and of type \`type\` when given. ${PAGE_BOUNDS} ` +
      `A filtered page reads past at most PROVENANCE_MAX_PAGE_SCAN other events (default 10,000); when it stopped there, \`next\` says where to go on, even on an empty page. Pass \`next\` as \`after\` for the next page.`,
  })
  @ApiOkResponse({ type: LogPageAnswer })
  async events(@Query() query: AuditEventsQuery, @Res() response: Response): Promise<void> {
    const { streamPrefix, type } = query;
    const filtered = streamPrefix !== undefined || type !== undefined;
    await writeEventPage(response, {
      head: {},
      read: (last, count) => this.store.readAll({ after: (last?.position ?? query.after) as LogPosition | undefined, limit: count }),
      nextAfter: (last) => last.position,
      filter: filtered
        ? { keep: (event) => (streamPrefix === undefined || event.streamId.startsWith(streamPrefix)) && (type === undefined || event.type === type), scanLimit: this.limits.maxPageScan }
        : undefined,
      ...this.bounds(query.limit),
    });
  }

  @Get('streams/:streamId')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403])
  @ApiOperation({
    summary: "A page of one stream's events: { streamId, events, next }",
    description: `Events of the stream from revision \`from\` in \`direction\`. ${PAGE_BOUNDS} Pass \`next\` as \`from\` for the next page.`,
  })
  @ApiOkResponse({ type: StreamPageAnswer })
  async stream(@Param('streamId') streamId: string, @Query() query: StreamQuery, @Res() response: Response): Promise<void> {
    const forwards = query.direction === 'forwards';
    const after = (last: RecordedEvent) => (forwards ? last.revision + 1n : last.revision - 1n);
    await writeEventPage(response, {
      head: { streamId },
      read: async (last, count) => {
        if (last && after(last) < 0n) return [];
        const from = last ? after(last) : query.from === undefined ? undefined : BigInt(query.from);
        return this.store.readStream(streamId, { from, direction: query.direction, limit: count });
      },
      nextAfter: (last) => (after(last) < 0n ? null : after(last).toString()),
      ...this.bounds(query.limit),
    });
  }

  private bounds(limit: number) {
    return { limit, maxBytes: this.limits.maxPageBytes, maxEventBytes: this.limits.maxEventBytes, leafIndices: (events: RecordedEvent[]) => this.leafIndices(events) };
  }

  private async leafIndices(events: RecordedEvent[]): Promise<(number | undefined)[]> {
    const found = await leafIndicesOf(this.connection, events);
    return events.map((event) => found.get(leafKey(event)));
  }
}
