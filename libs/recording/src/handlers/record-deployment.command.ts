import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DeploymentFact, deploymentDecider, deploymentStreamId, EnvironmentSettings, evaluateGate, imageDecider, imageStreamId } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingContext, RecordingResult, stateOf } from '../command-path';
import { ENVIRONMENT_SETTINGS } from '../environment-settings';

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
    const image = await stateOf(this.store, imageStreamId(fact.imageDigest), imageDecider);
    const gate = evaluateGate(fact.imageDigest, fact.environment, image, this.settings);
    return decideAndAppend(this.store, deploymentStreamId(fact.deploymentId), deploymentDecider, { type: 'StartDeployment', fact, gate }, context);
  }
}
