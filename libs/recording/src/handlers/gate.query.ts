import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EnvironmentSettings, evaluateGate, GateVerdict, imageDecider, imageStreamId } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { stateOf } from '../command-path';
import { ENVIRONMENT_SETTINGS } from '../environment-settings';

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

  async execute({ imageDigest, environment }: GateQuery): Promise<GateVerdict> {
    const image = await stateOf(this.store, imageStreamId(imageDigest), imageDecider);
    return evaluateGate(imageDigest, environment, image, this.settings);
  }
}
