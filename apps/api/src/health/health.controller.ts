import { Controller, Get, Inject } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@provenance/event-store';

@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Up when the event log answers a read. */
  @Get()
  async health(): Promise<{ status: 'ok' }> {
    await this.store.readAll({ limit: 1 });
    return { status: 'ok' };
  }
}
