import { BadRequestException } from '@nestjs/common';
import type { ICommand } from '@nestjs/cqrs';
import { shownJson } from '@provenance/domain';
import type { RecordingContext } from '@provenance/recording';
import { Matches } from 'class-validator';
import { AqfRunResultDto, AqfRunStartDto, RunIdParam } from '../aqf-runs/aqf-run.dto';
import { completeAqfRun, startAqfRun } from '../aqf-runs/record-aqf-run';
import { PackageBuildDto } from '../builds/package-build.dto';
import { recordBuild } from '../builds/record-build';
import { CommitDto } from '../commits/commit.dto';
import { recordCommit } from '../commits/record-commit';
import { DeploymentDto, DeploymentIdParam, DeploymentResultDto } from '../deployments/deployment.dto';
import { finishDeployment, startDeployment } from '../deployments/record-deployment';
import { ConfigurationDto, PatchDto } from '../environments/environment.dto';
import { applyConfiguration, applyPatch } from '../environments/record-environment-change';
import { ENVIRONMENT } from '../http/field-rules';
import { IsIdentifier } from '../http/is-identifier';
import { validated } from '../http/validated';
import { ImageDto } from '../images/image.dto';
import { recordImage } from '../images/record-image';
import { recordPackageGraph } from '../package-graph/record-package-graph';
import { pinnedSetInputOf, recordPinnedSet } from '../pinned-sets/record-pinned-set';

class EnvironmentField {
  @Matches(ENVIRONMENT, { message: 'environment must be a lowercase environment name, e.g. site' })
  @IsIdentifier()
  environment!: string;
}

type Message = Record<string, unknown>;
type Intake = (message: Message, context: RecordingContext) => ICommand;

/** Splits off the field a route takes from its path, so the rest validates as that route's body. */
function split(message: Message, field: string): [unknown, Message] {
  const { [field]: value, ...rest } = message;
  return [value, rest];
}

/**
 * A fact as a message: the body of its HTTP route plus `type`, and for the routes with an id
 * in their path (`aqf-result`, `deployment-result`, `patch`, `config`) that id as a field.
 * Validated with the same DTOs and turned into the same commands as the HTTP routes.
 */
const INTAKE: Record<string, Intake> = {
  commit: (message, context) => recordCommit(validated(CommitDto, message), context),
  build: (message, context) => recordBuild(validated(PackageBuildDto, message), context),
  'pinned-set': (message, context) => recordPinnedSet(pinnedSetInputOf(message), context).command,
  'package-graph': (message, context) => recordPackageGraph(message.pipdeptree, context).command,
  image: (message, context) => recordImage(validated(ImageDto, message), context),
  'aqf-run': (message, context) => startAqfRun(validated(AqfRunStartDto, message), context),
  'aqf-result': (message, context) => {
    const [runId, result] = split(message, 'runId');
    return completeAqfRun(validated(RunIdParam, { runId }).runId, validated(AqfRunResultDto, result), context);
  },
  deployment: (message, context) => startDeployment(validated(DeploymentDto, message), context),
  'deployment-result': (message, context) => {
    const [deploymentId, result] = split(message, 'deploymentId');
    return finishDeployment(validated(DeploymentIdParam, { deploymentId }).deploymentId, validated(DeploymentResultDto, result), context);
  },
  patch: (message, context) => {
    const [environment, patch] = split(message, 'environment');
    return applyPatch(validated(EnvironmentField, { environment }).environment, validated(PatchDto, patch), context);
  },
  config: (message, context) => {
    const [environment, configuration] = split(message, 'environment');
    return applyConfiguration(validated(EnvironmentField, { environment }).environment, validated(ConfigurationDto, configuration), context);
  },
};

export const FACT_TYPES = Object.keys(INTAKE);

/**
 * The command that records a fact message, or a 400 (BadRequestException) naming every broken
 * rule, as the HTTP route would answer.
 */
export function commandOfFact(message: unknown, context: RecordingContext): ICommand {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw new BadRequestException(['a fact message must be a JSON object with a "type" field']);
  }
  const { type, ...fact } = message as Message;
  // Own keys only: `toString`, `constructor` or `__proto__` would otherwise find what every object inherits.
  const intake = typeof type === 'string' && Object.hasOwn(INTAKE, type) ? INTAKE[type] : undefined;
  if (!intake) throw new BadRequestException([`type must be one of ${FACT_TYPES.join(', ')} (got ${shownJson(type)})`]);
  return intake(fact, context);
}
