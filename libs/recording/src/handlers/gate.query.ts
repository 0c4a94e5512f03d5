import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { EnvironmentSettings, GateVerdict } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { ENVIRONMENT_SETTINGS } from '../environment-settings';
import { gateVerdictOf } from '../image-gate';

export class GateQuery extends Query<GateVerdict> {
  constructor(
    readonly imageDigest: string,
    readonly environment: string,
  ) {
    super();
  }
}

@QueryHandler(GateQuery)
export class GateHandler implements IQueryHandler<GateQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENVIRONMENT_SETTINGS) private readonly settings: EnvironmentSettings,
  ) {}

  execute({ imageDigest, environment }: GateQuery): Promise<GateVerdict> {
    return gateVerdictOf(this.store, this.settings, imageDigest, environment);
  }
}
