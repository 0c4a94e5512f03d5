import { unreachable } from '@provenance/domain';
import { factProblems, FactType, schemaOf } from '@provenance/facts';
import type { StageRequestMessage } from '@provenance/kafka';
import { jsonObjectOf, OutputFields } from './command-output';
import type { AqfRunRequest, CandidateBuildRequest, PackageBuildRequest, PinningRequest } from './read-stage-request';

/** How a stage command ended: its exit code, what it printed, and when it ran (RFC 3339). */
export interface RanCommand {
  exitCode: number;
  stdout: string;
  startedAt: string;
  endedAt: string;
}

/** One fact answering the request, and the route it is posted to. */
interface AnswerFact {
  type: FactType;
  path: string;
  fields: Record<string, unknown>;
  conflictMeansEarlierDelivery?: boolean;
}

/** One POST to the API, answering the request. */
export interface AnswerPost {
  path: string;
  json: Record<string, unknown>;
  /**
   * A 409 on this post can only mean an earlier delivery of the same request recorded it with
   * other times; the answer carries on with the next post rather than stopping there.
   */
  conflictMeansEarlierDelivery?: boolean;
}

export type StageAnswer =
  | { kind: 'record'; posts: AnswerPost[] }
  /** The command failed in a way that answers nothing (a failed pinning or bake). */
  | { kind: 'nothing'; reason: string }
  /** The command printed something the agent cannot record; each problem names its field and rule. */
  | { kind: 'bad-output'; problems: string[] };

/** The facts that answer a stage request, from what its command printed and how it exited. */
export function stageAnswerOf(message: StageRequestMessage, ran: RanCommand): StageAnswer {
  switch (message.stage) {
    case 'package-build':
      return packageBuildAnswer(message, ran);
    case 'pinning':
      return pinningAnswer(message, ran);
    case 'candidate-build':
      return candidateBuildAnswer(message, ran);
    case 'aqf-run':
      return aqfRunAnswer(message, ran);
    default:
      return unreachable(message.stage);
  }
}

/** Exit 0 is a passed build, anything else a failed one; both are facts worth recording. */
function packageBuildAnswer(message: StageRequestMessage, ran: RanCommand): StageAnswer {
  const request = message.request as unknown as PackageBuildRequest;
  const output = jsonObjectOf(ran.stdout);
  if ('problem' in output) return { kind: 'bad-output', problems: [output.problem] };
  const fields = new OutputFields(output.object);
  const outcome = ran.exitCode === 0 ? 'passed' : 'failed';
  const json = {
    package: request.package,
    version: fields.text('version'),
    repository: fields.text('repository'),
    sha: fields.text('sha'),
    outcome,
    artifact: fields.artifact(),
    buildUrl: fields.optionalText('buildUrl'),
    builtAgainst: request.inputs.map(({ package: name, version }) => ({ package: name, version })),
    finishedAt: fields.optionalText('finishedAt') ?? ran.endedAt,
    requestId: message.requestId,
  };
  if (outcome === 'passed' && !json.artifact && !('artifact' in output.object)) {
    fields.problems.push('"artifact" is missing: a passed build (exit 0) needs {"filename", "sha256"} of the built file');
  }
  return fields.problems.length > 0 ? { kind: 'bad-output', problems: fields.problems } : record({ type: 'build', path: 'api/v1/builds', fields: json });
}

/** A pinning that exits non-zero pinned nothing. Plain pip-compile output on stdout is the requirements text itself. */
function pinningAnswer(message: StageRequestMessage, ran: RanCommand): StageAnswer {
  if (ran.exitCode !== 0) return { kind: 'nothing', reason: `a pinning that exits ${ran.exitCode} pinned nothing` };
  const request = message.request as unknown as PinningRequest;
  const output = jsonObjectOf(ran.stdout);
  if ('problem' in output && !ran.stdout.trim()) return { kind: 'bad-output', problems: [output.problem] };
  const fields = 'object' in output ? new OutputFields(output.object) : undefined;
  const requirementsText = fields ? fields.text('requirementsText') : ran.stdout;
  const name = fields?.optionalText('name') ?? `pinned-${message.runId ?? message.requestId}`;
  if (fields && fields.problems.length > 0) return { kind: 'bad-output', problems: fields.problems };
  const builds = request.builds.map(({ package: pkg, version }) => ({ package: pkg, version }));
  return record({ type: 'pinned-set', path: 'api/v1/pinned-sets', fields: { name, requirementsText, builds, requestId: message.requestId } });
}

/** A bake that exits non-zero baked nothing. */
function candidateBuildAnswer(message: StageRequestMessage, ran: RanCommand): StageAnswer {
  if (ran.exitCode !== 0) return { kind: 'nothing', reason: `a candidate build that exits ${ran.exitCode} baked nothing` };
  const request = message.request as unknown as CandidateBuildRequest;
  const output = jsonObjectOf(ran.stdout);
  if ('problem' in output) return { kind: 'bad-output', problems: [output.problem] };
  const fields = new OutputFields(output.object);
  const json = {
    digest: fields.text('digest'),
    name: fields.text('name'),
    pinnedSetId: request.pinnedSetId,
    builderId: fields.optionalText('builderId'),
    buildUrl: fields.optionalText('buildUrl'),
    bakedAt: fields.optionalText('bakedAt') ?? ran.endedAt,
    requestId: message.requestId,
  };
  return fields.problems.length > 0 ? { kind: 'bad-output', problems: fields.problems } : record({ type: 'image', path: 'api/v1/images', fields: json });
}

const AQF_OUTCOMES = ['passed', 'failed', 'error'] as const;

/**
 * The run's start, then its result. Exit 0 is passed, 1 failed, anything else an error, unless
 * the command says otherwise. The run id derives from the request id, so a redelivered request
 * names the same run.
 */
function aqfRunAnswer(message: StageRequestMessage, ran: RanCommand): StageAnswer {
  const request = message.request as unknown as AqfRunRequest;
  const output = jsonObjectOf(ran.stdout);
  if ('problem' in output) return { kind: 'bad-output', problems: [output.problem] };
  const fields = new OutputFields(output.object);
  const printedRunId = fields.optionalText('runId');
  const runId = printedRunId ?? aqfRunIdOf(message.requestId);
  const result = {
    outcome: fields.oneOf('outcome', AQF_OUTCOMES) ?? (ran.exitCode === 0 ? 'passed' : ran.exitCode === 1 ? 'failed' : 'error'),
    passed: fields.count('passed'),
    failed: fields.count('failed'),
    skipped: fields.count('skipped', 0),
    reportUrl: fields.optionalText('reportUrl'),
    completedAt: fields.optionalText('completedAt') ?? ran.endedAt,
  };
  const start = {
    runId,
    imageDigest: request.imageDigest,
    environment: request.environment,
    startedAt: fields.optionalText('startedAt') ?? ran.startedAt,
    requestId: message.requestId,
  };
  if (fields.problems.length > 0) return { kind: 'bad-output', problems: fields.problems };
  return record(
    { type: 'aqf-run', path: 'api/v1/aqf-runs', fields: start, conflictMeansEarlierDelivery: printedRunId === undefined },
    { type: 'aqf-result', path: `api/v1/aqf-runs/${encodeURIComponent(runId)}/result`, fields: { runId, ...result } },
  );
}

/** `aqf-<last part of the request id>`: run-….aqf-run.3f9c… becomes aqf-3f9c…. */
export function aqfRunIdOf(requestId: string): string {
  const parts = requestId.split('.');
  return `aqf-${parts[parts.length - 1]}`.slice(0, 128);
}

/**
 * The posts of the answer's facts, once every fact passes the fact schema the API checks them
 * with; otherwise the broken rules, and nothing is posted, so an answer is never half recorded.
 */
function record(...facts: AnswerFact[]): StageAnswer {
  const messages = facts.map(({ type, fields }) => ({ type, ...withoutUndefined(fields) }));
  const problems = messages.flatMap((message) => factProblems(message).map((problem) => `${message.type}: ${problem}`));
  if (problems.length > 0) return { kind: 'bad-output', problems };
  return { kind: 'record', posts: facts.map((fact, index) => postOf(fact, messages[index])) };
}

/** The body is the fact without its type, and without the id its route takes from the path. */
function postOf(fact: AnswerFact, message: Record<string, unknown>): AnswerPost {
  const json = { ...message };
  delete json.type;
  const inPath = schemaOf(fact.type).path?.field;
  if (inPath) delete json[inPath];
  return { path: fact.path, json, ...(fact.conflictMeansEarlierDelivery === undefined ? {} : { conflictMeansEarlierDelivery: fact.conflictMeansEarlierDelivery }) };
}

const withoutUndefined = (json: Record<string, unknown>) => Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined));
