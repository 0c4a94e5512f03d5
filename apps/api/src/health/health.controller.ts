import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { Refuses } from '../http/routes';
import { HealthAnswer } from './health-answer.dto';
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
  @ApiOkResponse({ type: HealthAnswer })
  @Refuses([503], { 503: 'the event log does not answer a read; `message` says why' })
  async up(): Promise<HealthAnswer> {
    try {
      await this.store.readAll({ limit: 1 });
    } catch (error) {
      throw new ServiceUnavailableException(`the event log does not answer a read: ${(error as Error).message}`);
    }
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
