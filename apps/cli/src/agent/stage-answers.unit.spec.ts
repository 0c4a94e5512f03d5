import 'reflect-metadata';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { StageRequestMessage } from '@provenance/kafka/stage-request.message';
import { AqfRunResultDto, AqfRunStartDto } from '../../../api/src/aqf-runs/aqf-run.dto';
import { PackageBuildDto } from '../../../api/src/builds/package-build.dto';
import { ImageDto } from '../../../api/src/images/image.dto';
import { PinnedSetDto } from '../../../api/src/pinned-sets/pinned-set.dto';
import { AnswerPost, RanCommand, StageAnswer, stageAnswerOf } from './stage-answers';

const SHA = 'a1'.repeat(20);
const HEX = 'c3'.repeat(32);
const PINNED_SET = `sha256:${'b2'.repeat(32)}`;
const IMAGE = `sha256:${'d4'.repeat(32)}`;

const requests: Record<StageRequestMessage['stage'], StageRequestMessage> = {
  'package-build': {
    requestId: 'package-build-0a1b2c',
    stage: 'package-build',
    runId: null,
    requestedAt: '2026-11-25T08:00:00.000Z',
    request: { requestId: 'package-build-0a1b2c', package: 'katcore', inputs: [{ package: 'katcomp', version: '1.4.2' }], requestedBecause: 'e1', requestedAt: '2026-11-25T08:00:00.000Z' },
  },
  pinning: {
    requestId: 'run-7.pinning.9f8e',
    stage: 'pinning',
    runId: 'run-7',
    requestedAt: '2026-11-25T08:00:00.000Z',
    request: { requestId: 'run-7.pinning.9f8e', runId: 'run-7', builds: [{ package: 'katcomp', version: '1.4.2', finishedAt: '2026-11-25T07:00:00Z' }] },
  },
  'candidate-build': {
    requestId: 'run-7.candidate-build.5d6c',
    stage: 'candidate-build',
    runId: 'run-7',
    requestedAt: '2026-11-25T08:00:00.000Z',
    request: { runId: 'run-7', requestId: 'run-7.candidate-build.5d6c', pinnedSetId: PINNED_SET, requestedAt: '2026-11-25T08:00:00.000Z' },
  },
  'aqf-run': {
    requestId: 'run-7.aqf-run.3f9c',
    stage: 'aqf-run',
    runId: 'run-7',
    requestedAt: '2026-11-25T08:00:00.000Z',
    request: { runId: 'run-7', requestId: 'run-7.aqf-run.3f9c', imageDigest: IMAGE, environment: 'aqf-1', requestedAt: '2026-11-25T08:00:00.000Z' },
  },
};

const ran = (exitCode: number, stdout: unknown): RanCommand => ({
  exitCode,
  stdout: typeof stdout === 'string' ? stdout : `${JSON.stringify(stdout)}\n`,
  startedAt: '2026-11-25T09:00:00.000Z',
  endedAt: '2026-11-25T09:05:00.000Z',
});

const given = (stage: StageRequestMessage['stage']) => ({
  when: (command: RanCommand) => stageAnswerOf(requests[stage], command),
});

/** The posts of an answer that records, each checked against the API's validation of its route. */
function posts(answer: StageAnswer): AnswerPost[] {
  if (answer.kind !== 'record') throw new Error(`expected facts to record, got ${JSON.stringify(answer)}`);
  for (const post of answer.posts) expect({ path: post.path, refusals: apiRefusals(post) }).toEqual({ path: post.path, refusals: [] });
  return answer.posts;
}

function apiRefusals(post: AnswerPost): string[] {
  const dto: ClassConstructor<object> = post.path.endsWith('/result')
    ? AqfRunResultDto
    : { 'api/v1/builds': PackageBuildDto, 'api/v1/pinned-sets': PinnedSetDto, 'api/v1/images': ImageDto, 'api/v1/aqf-runs': AqfRunStartDto }[post.path]!;
  const constraints = (errors: ValidationError[]): string[] => errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...constraints(e.children ?? [])]);
  return constraints(validateSync(plainToInstance(dto, post.json), { whitelist: true, forbidNonWhitelisted: true }));
}

describe('stageAnswerOf: a stage command\'s output and exit code, as the facts that answer the request', () => {
  describe('package-build', () => {
    const built = { version: '2.0.1', repository: 'https://github.com/ska-sa/katcore', sha: SHA, artifact: { filename: 'katcore-2.0.1.whl', sha256: HEX } };

    it('given a build request, when the command exits 0 with its build, then a passed build is recorded against the request\'s inputs', () => {
      const [post] = posts(given('package-build').when(ran(0, built)));
      expect(post).toEqual({
        path: 'api/v1/builds',
        json: {
          package: 'katcore', version: '2.0.1', repository: built.repository, sha: SHA, outcome: 'passed', artifact: built.artifact,
          builtAgainst: [{ package: 'katcomp', version: '1.4.2' }], finishedAt: '2026-11-25T09:05:00.000Z', requestId: 'package-build-0a1b2c',
        },
      });
    });

    it('given a build request, when the command exits 2 without an artifact, then a failed build is recorded', () => {
      const [post] = posts(given('package-build').when(ran(2, { ...built, artifact: undefined, finishedAt: '2026-11-25T09:01:00Z' })));
      expect(post.json).toMatchObject({ outcome: 'failed', finishedAt: '2026-11-25T09:01:00Z' });
      expect(post.json).not.toHaveProperty('artifact');
    });

    it('given a build request, when the command exits 0 without an artifact, then nothing is recorded and the artifact is asked for', () => {
      expect(given('package-build').when(ran(0, { ...built, artifact: undefined }))).toEqual({
        kind: 'bad-output',
        problems: ['"artifact" is missing: a passed build (exit 0) needs {"filename", "sha256"} of the built file'],
      });
    });

    it('given a build request, when the command prints neither repository nor sha, then each missing field is named', () => {
      expect(given('package-build').when(ran(0, { version: '2.0.1', artifact: built.artifact }))).toEqual({
        kind: 'bad-output',
        problems: ['"repository" is missing: it must be a non-empty string', '"sha" is missing: it must be a non-empty string'],
      });
    });
  });

  describe('pinning', () => {
    const pipCompile = '#\n# This file is autogenerated by pip-compile\n#\nkatcomp==1.4.2\n    # via -r requirements.in\n';

    it('given a pinning request, when the command prints pip-compile output, then that is the pinned set, named after the run', () => {
      const [post] = posts(given('pinning').when(ran(0, pipCompile)));
      expect(post).toEqual({
        path: 'api/v1/pinned-sets',
        json: { name: 'pinned-run-7', requirementsText: pipCompile, builds: [{ package: 'katcomp', version: '1.4.2' }], requestId: 'run-7.pinning.9f8e' },
      });
    });

    it('given a pinning request, when the command prints JSON with a name, then its requirements text and name are recorded', () => {
      const [post] = posts(given('pinning').when(ran(0, { requirementsText: pipCompile, name: 'pinned-requirements.txt' })));
      expect(post.json).toMatchObject({ name: 'pinned-requirements.txt', requirementsText: pipCompile });
    });

    it('given a pinning request, when the command exits 1, then nothing is recorded', () => {
      expect(given('pinning').when(ran(1, pipCompile))).toEqual({ kind: 'nothing', reason: 'a pinning that exits 1 pinned nothing' });
    });

    it('given a pinning request, when the command prints JSON without requirementsText, then the field is named', () => {
      expect(given('pinning').when(ran(0, { name: 'x' }))).toEqual({ kind: 'bad-output', problems: ['"requirementsText" is missing: it must be a non-empty string'] });
    });

    it('given a pinning request, when the command prints nothing, then nothing is recorded', () => {
      expect(given('pinning').when(ran(0, ''))).toEqual({ kind: 'bad-output', problems: ['stdout is empty'] });
    });
  });

  describe('candidate-build', () => {
    it('given a bake request, when the command prints the image after log lines, then the image is recorded from the request\'s pinned set', () => {
      const stdout = `baking ${PINNED_SET}\n${JSON.stringify({ digest: IMAGE, name: 'autobuild-7.tar.gz', builderId: 'jenkins-3' })}\n`;
      const [post] = posts(given('candidate-build').when(ran(0, stdout)));
      expect(post).toEqual({
        path: 'api/v1/images',
        json: { digest: IMAGE, name: 'autobuild-7.tar.gz', pinnedSetId: PINNED_SET, builderId: 'jenkins-3', bakedAt: '2026-11-25T09:05:00.000Z', requestId: 'run-7.candidate-build.5d6c' },
      });
    });

    it('given a bake request, when the command prints something other than JSON, then nothing is recorded and stdout is quoted', () => {
      expect(given('candidate-build').when(ran(0, 'baked it!\n'))).toEqual({ kind: 'bad-output', problems: ['stdout is not a JSON object (it starts "baked it!")'] });
    });

    it('given a bake request, when the command exits 1, then nothing is recorded', () => {
      expect(given('candidate-build').when(ran(1, { digest: IMAGE, name: 'x' }))).toMatchObject({ kind: 'nothing' });
    });

    it('given a bake request, when the digest is a number, then the field and its rule are named', () => {
      expect(given('candidate-build').when(ran(0, { digest: 42, name: 'x' }))).toEqual({ kind: 'bad-output', problems: ['"digest" must be a non-empty string'] });
    });
  });

  describe('aqf-run', () => {
    const counts = { passed: 410, failed: 2, skipped: 1 };

    it('given an AQF request, when the command exits 1 with its counts, then the run\'s start and a failed result are recorded under an id from the request', () => {
      const [start, result] = posts(given('aqf-run').when(ran(1, counts)));
      expect(start).toEqual({
        path: 'api/v1/aqf-runs',
        json: { runId: 'aqf-3f9c', imageDigest: IMAGE, environment: 'aqf-1', startedAt: '2026-11-25T09:00:00.000Z', requestId: 'run-7.aqf-run.3f9c' },
        conflictMeansEarlierDelivery: true,
      });
      expect(result).toEqual({
        path: 'api/v1/aqf-runs/aqf-3f9c/result',
        json: { outcome: 'failed', ...counts, completedAt: '2026-11-25T09:05:00.000Z' },
      });
    });

    it('given an AQF request, when the command exits 0, 1 or 3, then the outcome is passed, failed or error', () => {
      const outcome = (exitCode: number) => posts(given('aqf-run').when(ran(exitCode, counts)))[1].json.outcome;
      expect([0, 1, 3].map(outcome)).toEqual(['passed', 'failed', 'error']);
    });

    it('given an AQF request, when the command prints its own run id, outcome and times, then they are recorded as printed', () => {
      const printed = { ...counts, runId: 'aqf-1-2026-11-25', outcome: 'error', startedAt: '2026-11-25T08:30:00Z', completedAt: '2026-11-25T08:45:00Z' };
      const [start, result] = posts(given('aqf-run').when(ran(0, printed)));
      expect(start.json).toMatchObject({ runId: 'aqf-1-2026-11-25', startedAt: '2026-11-25T08:30:00Z' });
      expect(start.conflictMeansEarlierDelivery).toBe(false);
      expect(result).toMatchObject({ path: 'api/v1/aqf-runs/aqf-1-2026-11-25/result', json: { outcome: 'error', completedAt: '2026-11-25T08:45:00Z' } });
    });

    it('given an AQF request, when the command leaves out skipped, then it counts as 0', () => {
      expect(posts(given('aqf-run').when(ran(0, { passed: 1, failed: 0 })))[1].json.skipped).toBe(0);
    });

    it('given an AQF request, when the counts are missing or negative and the outcome unknown, then each is named', () => {
      expect(given('aqf-run').when(ran(0, { passed: -1, outcome: 'flaky' }))).toEqual({
        kind: 'bad-output',
        problems: [
          '"outcome" must be one of "passed", "failed", "error" when given',
          '"passed" must be a whole number, 0 or more',
          '"failed" is missing: it must be a whole number, 0 or more',
        ],
      });
    });
  });
});
