import { BadRequestException } from '@nestjs/common';
import type { ICommand } from '@nestjs/cqrs';
import { checkedFact, FactMessage, FactOf, FactType } from '@provenance/facts';
import type { RecordingContext } from '@provenance/recording';
import { completeAqfRun, startAqfRun } from '../aqf-runs/record-aqf-run';
import { recordBuild } from '../builds/record-build';
import { recordCommit } from '../commits/record-commit';
import { finishDeployment, startDeployment } from '../deployments/record-deployment';
import { applyConfiguration, applyPatch } from '../environments/record-environment-change';
import { recordImage } from '../images/record-image';
import { recordPackageGraph } from '../package-graph/record-package-graph';
import { pinnedSetInputOf, recordPinnedSet } from '../pinned-sets/record-pinned-set';

type Fields<K extends FactType> = Omit<FactOf<K>, 'type'>;

/** Each fact type's command, from the message's fields as its HTTP route would take them. */
const RECORD: { [K in FactType]: (fields: Fields<K>, context: RecordingContext) => ICommand } = {
  commit: recordCommit,
  build: recordBuild,
  'pinned-set': (fields, context) => recordPinnedSet(pinnedSetInputOf(fields), context).command,
  'package-graph': (fields, context) => recordPackageGraph(fields.pipdeptree, context).command,
  image: recordImage,
  'aqf-run': startAqfRun,
  'aqf-result': ({ runId, ...result }, context) => completeAqfRun(runId, result, context),
  deployment: startDeployment,
  'deployment-result': ({ deploymentId, ...result }, context) => finishDeployment(deploymentId, result, context),
  patch: ({ environment, ...patch }, context) => applyPatch(environment, patch, context),
  config: ({ environment, ...configuration }, context) => applyConfiguration(environment, configuration, context),
};

/**
 * The command that records a fact message (its schema is `@provenance/facts`), or a 400
 * (BadRequestException) naming every broken rule, as the HTTP route would answer.
 */
export function commandOfFact(message: unknown, context: RecordingContext): ICommand {
  const checked = checkedFact(message);
  if (checked.problems) throw new BadRequestException(checked.problems);
  const { type, ...fields } = checked.fact;
  return (RECORD[type] as (fields: Omit<FactMessage, 'type'>, context: RecordingContext) => ICommand)(fields, context);
}
