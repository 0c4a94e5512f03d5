import { Decider, DomainEvent, refuse, unreachable } from '../shared/decider';
import { recordOnce } from '../shared/record-once';
import type { GateVerdict } from './gate.policy';

export type DeploymentFact = {
  deploymentId: string;
  environment: string;
  imageDigest: string;
  nodes: string[];
  configRevision: { repository: string; sha: string } | null;
  startedAt: string;
  by: string;
};

export type DeploymentResultFact = { outcome: 'succeeded' | 'failed'; finishedAt: string };

export type DeploymentStarted = DomainEvent<'DeploymentStarted', DeploymentFact & { policyViolations: string[] }>;
export type DeploymentFinished = DomainEvent<'DeploymentFinished', DeploymentResultFact & { deploymentId: string; environment: string }>;
export type DeploymentEvent = DeploymentStarted | DeploymentFinished;

/** `gate` is the gate's verdict for this image and environment when the deployment is recorded. */
export type StartDeployment = { type: 'StartDeployment'; fact: DeploymentFact; gate: GateVerdict };
export type FinishDeployment = { type: 'FinishDeployment'; deploymentId: string; result: DeploymentResultFact };
export type DeploymentCommand = StartDeployment | FinishDeployment;

export type DeploymentState = { started?: DeploymentStarted['data']; finished?: DeploymentFinished['data'] };

export const deploymentStreamId = (deploymentId: string) => `deployment-${deploymentId}`;

/**
 * A deployment that happened is always recorded: facts on record, policy at the gate. One the
 * gate would have refused is recorded with its policy violations, so an auditor sees it.
 */
export const deploymentDecider: Decider<DeploymentState, DeploymentCommand, DeploymentEvent> = {
  initialState: {},
  evolve(state, event) {
    switch (event.type) {
      case 'DeploymentStarted':
        return { ...state, started: event.data };
      case 'DeploymentFinished':
        return { ...state, finished: event.data };
      default:
        return unreachable(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'StartDeployment': {
        const policyViolations = command.gate.allowed
          ? []
          : command.gate.reasons.map((reason) => `deployed to ${command.fact.environment} although the gate refuses it: ${reason}`);
        return recordOnce(
          `deployment ${command.fact.deploymentId}`,
          state.started,
          { type: 'DeploymentStarted', data: { ...command.fact, policyViolations } },
          ['policyViolations'],
        );
      }
      case 'FinishDeployment': {
        if (!state.started) {
          return refuse(
            'deployment-started-first',
            `deployment ${command.deploymentId} has no recorded start: record it first with POST /api/v1/deployments`,
          );
        }
        const { deploymentId, environment, startedAt } = state.started;
        // A result already on record stands; a repeat of it is not judged again.
        if (!state.finished && Date.parse(command.result.finishedAt) < Date.parse(startedAt)) {
          return refuse(
            'deployment-finished-after-start',
            `deployment ${deploymentId} cannot have finished at ${command.result.finishedAt}, before it started at ${startedAt}`,
          );
        }
        return recordOnce(`the result of deployment ${deploymentId}`, state.finished, {
          type: 'DeploymentFinished',
          data: { deploymentId, environment, ...command.result },
        });
      }
      default:
        return unreachable(command);
    }
  },
};
