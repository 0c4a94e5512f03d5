import 'reflect-metadata';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AqfRunResultDto, AqfRunStartDto, RunIdParam } from '../../../../apps/api/src/aqf-runs/aqf-run.dto';
import { PackageBuildDto } from '../../../../apps/api/src/builds/package-build.dto';
import { CommitDto } from '../../../../apps/api/src/commits/commit.dto';
import { DeploymentDto, DeploymentIdParam, DeploymentResultDto } from '../../../../apps/api/src/deployments/deployment.dto';
import { ImageDto } from '../../../../apps/api/src/images/image.dto';
import { FactMessage, FactType } from './fact-message';

/** Each fact type's request body DTO, and for the result routes the DTO of the id in their path. */
const ROUTES: Record<FactType, { body: ClassConstructor<object>; path?: { field: string; dto: ClassConstructor<object> } }> = {
  commit: { body: CommitDto },
  build: { body: PackageBuildDto },
  image: { body: ImageDto },
  'aqf-run': { body: AqfRunStartDto },
  'aqf-result': { body: AqfRunResultDto, path: { field: 'runId', dto: RunIdParam } },
  deployment: { body: DeploymentDto },
  'deployment-result': { body: DeploymentResultDto, path: { field: 'deploymentId', dto: DeploymentIdParam } },
};

/**
 * What the API's validation (`ValidationPipe({ transform, whitelist, forbidNonWhitelisted })`)
 * says about each message, as `<type>: <constraint message>`; empty when it accepts them all.
 */
export function apiRefusals(messages: FactMessage[]): string[] {
  return messages.flatMap((message) => {
    const { type, ...fields } = message;
    const { body, path } = ROUTES[type];
    const refusals = path ? validatedWithPath(body, path, fields) : validated(body, fields);
    return refusals.map((refusal) => `${type}: ${refusal}`);
  });
}

/** A result route: the id goes in the path, the rest in the body. */
function validatedWithPath(body: ClassConstructor<object>, path: { field: string; dto: ClassConstructor<object> }, fields: Record<string, unknown>) {
  const { [path.field]: id, ...rest } = fields;
  return [...validated(path.dto, { [path.field]: id }), ...validated(body, rest)];
}

function validated(dto: ClassConstructor<object>, plain: object): string[] {
  return constraintsOf(validateSync(plainToInstance(dto, plain), { whitelist: true, forbidNonWhitelisted: true }));
}

function constraintsOf(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [...Object.values(error.constraints ?? {}), ...constraintsOf(error.children ?? [])]);
}
