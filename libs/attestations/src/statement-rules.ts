import { URIS } from './uris';

/*
 * The field rules of the specs a verifier checks statements against, written from them:
 * in-toto Statement v1 (statement.md) and ResourceDescriptor v1, SLSA provenance v1,
 * SLSA verification summary v1 and in-toto test-result v0.1. Unknown fields are ignored, as
 * the parsing rules say; what a spec requires is checked, what it recommends is not.
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HEX = /^[0-9a-f]+$/;

/** Every rule the statement breaks, each naming the field; empty for a valid statement. */
export function statementProblems(statement: unknown): string[] {
  if (!isObject(statement)) return ['the statement is not a JSON object'];
  const problems: string[] = [];
  if (statement._type !== URIS.statement) problems.push(`_type must be ${URIS.statement}`);
  if (!Array.isArray(statement.subject) || statement.subject.length === 0) problems.push('subject must be a non-empty list');
  else {
    statement.subject.forEach((subject, n) => {
      problems.push(...descriptorProblems(subject, `subject[${n}]`));
      if (isObject(subject) && !isObject(subject.digest)) problems.push(`subject[${n}].digest is required`);
    });
  }
  if (typeof statement.predicateType !== 'string' || !URI.test(statement.predicateType)) problems.push('predicateType must be a URI');
  if (statement.predicate !== undefined && !isObject(statement.predicate)) problems.push('predicate must be an object');
  if (problems.length > 0 || !isObject(statement.predicate)) return problems;
  const predicateRules = PREDICATE_RULES[statement.predicateType as string];
  return predicateRules ? predicateRules(statement.predicate) : [];
}

/** ResourceDescriptor v1: at least one of uri, digest, content; digests hex; typed fields. */
export function descriptorProblems(descriptor: unknown, where: string): string[] {
  if (!isObject(descriptor)) return [`${where} must be a ResourceDescriptor object`];
  const problems: string[] = [];
  if (descriptor.uri === undefined && descriptor.digest === undefined && descriptor.content === undefined) problems.push(`${where} needs one of uri, digest, content`);
  for (const field of ['name', 'uri', 'downloadLocation', 'mediaType', 'content'] as const) {
    if (descriptor[field] !== undefined && typeof descriptor[field] !== 'string') problems.push(`${where}.${field} must be a string`);
  }
  if (typeof descriptor.uri === 'string' && !URI.test(descriptor.uri)) problems.push(`${where}.uri must be a URI`);
  if (descriptor.digest !== undefined) {
    if (!isObject(descriptor.digest) || Object.keys(descriptor.digest).length === 0) problems.push(`${where}.digest must map algorithms to values`);
    else {
      for (const [algorithm, value] of Object.entries(descriptor.digest)) {
        if (typeof value !== 'string' || !HEX.test(value)) problems.push(`${where}.digest.${algorithm} must be lowercase hex`);
        else if (algorithm === 'sha256' && value.length !== 64) problems.push(`${where}.digest.sha256 must be 64 hex digits`);
      }
    }
  }
  if (descriptor.annotations !== undefined && !isObject(descriptor.annotations)) problems.push(`${where}.annotations must be an object`);
  return problems;
}

function descriptorListProblems(value: unknown, where: string, required: boolean): string[] {
  if (value === undefined) return required ? [`${where} is required`] : [];
  if (!Array.isArray(value)) return [`${where} must be a list of ResourceDescriptors`];
  return value.flatMap((descriptor, n) => descriptorProblems(descriptor, `${where}[${n}]`));
}

const timestamp = (value: unknown, where: string, required = false): string[] =>
  value === undefined ? (required ? [`${where} is required`] : []) : typeof value === 'string' && RFC3339.test(value) ? [] : [`${where} must be an RFC 3339 timestamp`];

function slsaProvenanceProblems(predicate: Json): string[] {
  const problems: string[] = [];
  const definition = predicate.buildDefinition;
  if (!isObject(definition)) problems.push('predicate.buildDefinition is required');
  else {
    if (typeof definition.buildType !== 'string' || !URI.test(definition.buildType)) problems.push('predicate.buildDefinition.buildType must be a URI');
    if (!isObject(definition.externalParameters)) problems.push('predicate.buildDefinition.externalParameters must be an object');
    if (definition.internalParameters !== undefined && !isObject(definition.internalParameters)) problems.push('predicate.buildDefinition.internalParameters must be an object');
    problems.push(...descriptorListProblems(definition.resolvedDependencies, 'predicate.buildDefinition.resolvedDependencies', false));
  }
  const run = predicate.runDetails;
  if (!isObject(run)) return [...problems, 'predicate.runDetails is required'];
  if (!isObject(run.builder) || typeof run.builder.id !== 'string' || !URI.test(run.builder.id)) problems.push('predicate.runDetails.builder.id must be a URI');
  else problems.push(...descriptorListProblems(run.builder.builderDependencies, 'predicate.runDetails.builder.builderDependencies', false));
  if (run.metadata !== undefined) {
    if (!isObject(run.metadata)) problems.push('predicate.runDetails.metadata must be an object');
    else {
      if (run.metadata.invocationId !== undefined && typeof run.metadata.invocationId !== 'string') problems.push('predicate.runDetails.metadata.invocationId must be a string');
      problems.push(...timestamp(run.metadata.startedOn, 'predicate.runDetails.metadata.startedOn'), ...timestamp(run.metadata.finishedOn, 'predicate.runDetails.metadata.finishedOn'));
    }
  }
  problems.push(...descriptorListProblems(run.byproducts, 'predicate.runDetails.byproducts', false));
  return problems;
}

function verificationSummaryProblems(predicate: Json): string[] {
  const problems: string[] = [];
  if (!isObject(predicate.verifier) || typeof predicate.verifier.id !== 'string' || !URI.test(predicate.verifier.id)) problems.push('predicate.verifier.id must be a URI');
  problems.push(...timestamp(predicate.timeVerified, 'predicate.timeVerified'));
  if (typeof predicate.resourceUri !== 'string' || !URI.test(predicate.resourceUri)) problems.push('predicate.resourceUri must be a URI');
  problems.push(...(predicate.policy === undefined ? ['predicate.policy is required'] : descriptorProblems(predicate.policy, 'predicate.policy')));
  problems.push(...descriptorListProblems(predicate.inputAttestations, 'predicate.inputAttestations', false));
  if (predicate.verificationResult !== 'PASSED' && predicate.verificationResult !== 'FAILED') problems.push('predicate.verificationResult must be PASSED or FAILED');
  if (!Array.isArray(predicate.verifiedLevels) || !predicate.verifiedLevels.every((level) => typeof level === 'string')) problems.push('predicate.verifiedLevels must be a list of levels');
  return problems;
}

function testResultProblems(predicate: Json): string[] {
  const problems: string[] = [];
  if (!['PASSED', 'WARNED', 'FAILED'].includes(predicate.result as string)) problems.push('predicate.result must be PASSED, WARNED or FAILED');
  problems.push(...descriptorListProblems(predicate.configuration, 'predicate.configuration', true));
  if (predicate.url !== undefined && (typeof predicate.url !== 'string' || !URI.test(predicate.url))) problems.push('predicate.url must be a URI');
  for (const list of ['passedTests', 'warnedTests', 'failedTests']) {
    const tests = predicate[list];
    if (tests !== undefined && (!Array.isArray(tests) || !tests.every((test) => typeof test === 'string'))) problems.push(`predicate.${list} must be a list of test names`);
  }
  return problems;
}

function runsWhereProblems(predicate: Json): string[] {
  const problems: string[] = [];
  if (typeof predicate.environment !== 'string') problems.push('predicate.environment must be a string');
  problems.push(...timestamp(predicate.at, 'predicate.at', true), ...timestamp(predicate.knownAt, 'predicate.knownAt', true));
  problems.push(...descriptorListProblems(predicate.restsOn, 'predicate.restsOn', true));
  return problems;
}

const PREDICATE_RULES: Record<string, (predicate: Json) => string[]> = {
  [URIS.slsaProvenance]: slsaProvenanceProblems,
  [URIS.verificationSummary]: verificationSummaryProblems,
  [URIS.testResult]: testResultProblems,
  [URIS.runsWhere]: runsWhereProblems,
};
