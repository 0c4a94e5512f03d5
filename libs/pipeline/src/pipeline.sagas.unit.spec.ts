import { DEFAULT_PIPELINE, PackageBuildFact } from '@provenance/domain';
import type { LogPosition, RecordedEvent } from '@provenance/event-store';
import { AdvancePipelineRun, AnswerAqfRequest, AnswerBuildRequest, EndRunOfImage, NoteLeafBuild, RequestDownstreamBuilds, StartPipelineRun } from './pipeline.commands';
import { pipelineSagas } from './pipeline.sagas';
import { commandsFor } from './saga';

const RECORDED_AT = '2026-11-25T08:00:00.000Z';
const POSITION = '0000000000000010-0000000000000001' as LogPosition;
const logged = (type: string, data: object): RecordedEvent => ({
  id: `event-of-${type}`, type, data: data as RecordedEvent['data'], metadata: { recordedAt: RECORDED_AT },
  streamId: 'some-stream', revision: 0n, position: POSITION,
});
const cause = { eventId: 'event-of-PackageBuildRecorded', recordedAt: RECORDED_AT, position: POSITION };
const sagas = pipelineSagas(DEFAULT_PIPELINE);
const when = (event: RecordedEvent) => commandsFor(sagas, event);

const build = (pkg: string, outcome: 'passed' | 'failed'): PackageBuildFact => ({
  package: pkg, version: '1.2', repository: pkg, sha: 'a'.repeat(40), outcome, artifact: null, buildUrl: null, builtAgainst: [],
  finishedAt: '2026-11-25T07:59:00Z', requestId: null,
});

describe('the pipeline sagas', () => {
  it('given a passed build of a leaf package, then its downstream builds are requested and it is noted in the fan-in', () => {
    const commands = when(logged('PackageBuildRecorded', build('katobs', 'passed')));
    expect(commands).toEqual([
      new RequestDownstreamBuilds(build('katobs', 'passed'), cause),
      new NoteLeafBuild({ package: 'katobs', version: '1.2', finishedAt: '2026-11-25T07:59:00Z' }, cause),
    ]);
  });

  it('given a passed build of a package that is no leaf, then only its downstream builds are requested', () => {
    expect(when(logged('PackageBuildRecorded', build('katcore', 'passed')))).toEqual([new RequestDownstreamBuilds(build('katcore', 'passed'), cause)]);
  });

  it('given a build naming a package-build request, passed or failed, then it answers that request', () => {
    const failed = { ...build('katobs', 'failed'), requestId: 'package-build-0123' };
    expect(when(logged('PackageBuildRecorded', failed))).toEqual([new AnswerBuildRequest('package-build-0123', 'katobs 1.2 failed', cause)]);
  });

  it('given a failed build, then nothing is requested', () => {
    expect(when(logged('PackageBuildRecorded', build('katobs', 'failed')))).toEqual([]);
  });

  it('given pinning requested, then the pipeline run it names is started', () => {
    const pinning = { requestId: 'run-1.pinning.abc', runId: 'run-1', builds: [] };
    const [command] = when(logged('PinningRequested', pinning));
    expect(command).toEqual(new StartPipelineRun(pinning, { ...cause, eventId: 'event-of-PinningRequested' }));
  });

  it('given a pinned set naming a run request, then the run is answered with that set', () => {
    const [command] = when(logged('PinnedSetRecorded', { id: 'sha256:5', requestId: 'run-1.pinning.abc' }));
    expect(command).toBeInstanceOf(AdvancePipelineRun);
    expect(command).toMatchObject({ runId: 'run-1', command: { type: 'AnswerPinning', requestId: 'run-1.pinning.abc', pinnedSetId: 'sha256:5', at: RECORDED_AT } });
  });

  it('given a pinned set or image naming no run request, then nothing is sent', () => {
    expect(when(logged('PinnedSetRecorded', { id: 'sha256:5', requestId: null }))).toEqual([]);
    expect(when(logged('ImageBaked', { digest: 'sha256:d', requestId: 'package-build-0123' }))).toEqual([]);
  });

  it('given an image baked for a run request, then the run asks for AQF in every verification environment', () => {
    const [command] = when(logged('ImageBaked', { digest: 'sha256:d', requestId: 'run-1.candidate-build.ef' }));
    expect(command).toMatchObject({
      runId: 'run-1',
      command: { type: 'AnswerCandidateBuild', imageDigest: 'sha256:d', verificationEnvironments: ['aqf-1', 'aqf-2'] },
    });
  });

  it('given a completed AQF run, then its request is answered with the outcome', () => {
    const [command] = when(logged('AqfRunCompleted', { runId: 'aqf-7', outcome: 'failed' }));
    expect(command).toEqual(new AnswerAqfRequest('aqf-7', 'failed', { ...cause, eventId: 'event-of-AqfRunCompleted' }));
  });

  it('given an image promoted or rejected, then the run that baked it is ended accordingly', () => {
    const [promoted] = when(logged('ReleaseCandidatePromoted', { imageDigest: 'sha256:d' }));
    const [rejected] = when(logged('ReleaseCandidateRejected', { imageDigest: 'sha256:d' }));
    expect(promoted).toEqual(new EndRunOfImage('sha256:d', true, { ...cause, eventId: 'event-of-ReleaseCandidatePromoted' }));
    expect(rejected).toEqual(new EndRunOfImage('sha256:d', false, { ...cause, eventId: 'event-of-ReleaseCandidateRejected' }));
  });

  it('given any other event, then the sagas send nothing', () => {
    expect(when(logged('CommitRecorded', { repository: 'katobs' }))).toEqual([]);
  });
});
