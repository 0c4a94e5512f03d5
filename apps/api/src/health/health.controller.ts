import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { Readiness } from './readiness';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly health: HealthCheckService,
    private readonly readiness: Readiness,
  ) {}

  /** Up when the event log answers a read. */
  @Get()
  async up(): Promise<{ status: 'ok' }> {
    await this.store.readAll({ limit: 1 });
    return { status: 'ok' };
  }

  /** The process is up (for a liveness probe: restart it when this does not answer). */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /**
   * Ready for traffic: the log answers, every read model is within PROVENANCE_READY_MAX_LAG of
   * it, and Kafka is connected when configured. 503 names what is not ready and why.
   */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.readiness.log(), () => this.readiness.readModels(), () => this.readiness.kafkaConnection()]);
  }
}
