import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DeploymentFact, deploymentDecider, deploymentStreamId, EnvironmentSettings } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingContext, RecordingResult } from '../command-path';
import { ENVIRONMENT_SETTINGS } from '../environment-settings';
import { gateVerdictOf } from '../image-gate';

/** A deployment is recorded whatever the gate says; what the gate said becomes its policy violations. */
export class RecordDeploymentCommand extends Command<RecordingResult> {
  constructor(
    readonly fact: DeploymentFact,
    readonly context: RecordingContext,
  ) {
    super();
  }
}

@CommandHandler(RecordDeploymentCommand)
export class RecordDeploymentHandler implements ICommandHandler<RecordDeploymentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENVIRONMENT_SETTINGS) private readonly settings: EnvironmentSettings,
  ) {}

  async execute({ fact, context }: RecordDeploymentCommand): Promise<RecordingResult> {
    const gate = await gateVerdictOf(this.store, this.settings, fact.imageDigest, fact.environment);
    return decideAndAppend(this.store, deploymentStreamId(fact.deploymentId), deploymentDecider, { type: 'StartDeployment', fact, gate }, context);
  }
}
