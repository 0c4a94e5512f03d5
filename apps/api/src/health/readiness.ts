import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { CountLog, EVENT_STORE, EventStore, LOG_COUNT, LogPosition } from '@provenance/event-store';
import { FOLLOWER_CONTEXT, FollowerContext, lagAfter } from '@provenance/followers';
import { PROJECTIONS } from '@provenance/projections';
import { KafkaLifecycle } from '../kafka/kafka.module';

export const READY_MAX_LAG_MS = Symbol('ReadyMaxLagMs');

/** What /health/ready checks, each answering with the reason when it is down. */
@Injectable()
export class Readiness {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FOLLOWER_CONTEXT) private readonly context: FollowerContext,
    @Inject(READY_MAX_LAG_MS) private readonly maxLagMs: number,
    @Inject(LOG_COUNT) private readonly countLog: CountLog,
    @Optional() private readonly kafka?: KafkaLifecycle,
  ) {}

  async log(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('log');
    try {
      await this.store.readAll({ limit: 1 });
      return check.up();
    } catch (error) {
      return check.down({ reason: `the event log does not answer: ${(error as Error).message}` });
    }
  }

  /** Down while a read model is rebuilt, or has left an event unapplied for longer than PROVENANCE_READY_MAX_LAG. */
  async readModels(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('readModels');
    const rows = await this.context.connection.query<{ name: string; position: string | null; rebuilding: boolean }>(
      'SELECT name, position, rebuilding_since IS NOT NULL AS rebuilding FROM follower_checkpoints WHERE name = ANY($1)',
      [PROJECTIONS.map((projection) => projection.name)],
    );
    const problems: string[] = [];
    const lags: Record<string, { events: number; seconds: number }> = {};
    for (const { name } of PROJECTIONS) {
      const row = rows.find((candidate) => candidate.name === name);
      if (row?.rebuilding) problems.push(`${name} is being rebuilt`);
      const lag = await lagAfter(this.countLog, (row?.position ?? null) as LogPosition | null);
      lags[name] = lag;
      if (lag.seconds * 1000 > this.maxLagMs) {
        problems.push(`${name} has left ${lag.events} event(s) unapplied for ${lag.seconds} s (PROVENANCE_READY_MAX_LAG is ${this.maxLagMs / 1000} s)`);
      }
    }
    return problems.length === 0 ? check.up({ lag: lags }) : check.down({ reason: problems.join('; '), lag: lags });
  }

  kafkaConnection(): HealthIndicatorResult {
    const check = this.indicators.check('kafka');
    if (!this.kafka) return check.up({ state: 'not configured' });
    const { state, reason, since } = this.kafka.state();
    return state === 'connected' ? check.up({ state, since }) : check.down({ state, since, reason: reason ?? 'not connected yet' });
  }
}
