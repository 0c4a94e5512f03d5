import type { StageRequestMessage } from '@provenance/kafka';
import { readStageRequest, RequestRecord } from './read-stage-request';
import { stageEnvironment } from './stage-environment';

const pinning: StageRequestMessage = {
  requestId: 'run-7.pinning.9f8e',
  stage: 'pinning',
  runId: 'run-7',
  requestedAt: '2026-11-25T08:00:00.000Z',
  request: { requestId: 'run-7.pinning.9f8e', runId: 'run-7', builds: [{ package: 'katcomp', version: '1.4.2' }, { package: 'katobs', version: '0.9.1' }] },
};

const published = (message: object, stage = 'pinning'): RequestRecord => ({
  key: Buffer.from(stage),
  value: Buffer.from(JSON.stringify(message)),
  headers: { 'event-id': Buffer.from('e1'), 'event-type': Buffer.from('PinningRequested'), 'request-id': Buffer.from('r'), stage: Buffer.from(stage) },
});

describe('readStageRequest: a message of the requests topic, as a request for this agent\'s stage', () => {
  it('given a pinning request as the service publishes it, when a pinning agent reads it, then it is the request', () => {
    expect(readStageRequest(published(pinning), 'pinning')).toEqual({ kind: 'request', message: pinning });
  });

  it('given an AQF request, when a pinning agent reads it, then it is another stage\'s', () => {
    expect(readStageRequest(published({ ...pinning, stage: 'aqf-run' }, 'aqf-run'), 'pinning')).toEqual({ kind: 'other-stage', stage: 'aqf-run' });
  });

  it('given a message whose value is not JSON, when read, then it is unreadable', () => {
    expect(readStageRequest({ key: Buffer.from('pinning'), value: Buffer.from('{oops') }, 'pinning')).toEqual({ kind: 'unreadable', problem: 'its value is not JSON' });
  });

  it('given a pinning request without builds, when read, then it is unreadable, naming what is missing', () => {
    expect(readStageRequest(published({ ...pinning, request: { runId: 'run-7' } }), 'pinning')).toEqual({
      kind: 'unreadable',
      problem: 'request run-7.pinning.9f8e has no builds (a list of {package, version})',
    });
  });
});

describe('stageEnvironment: the variables a stage command sees', () => {
  it('given a pinning request, then the request, stage, run and builds are in its variables', () => {
    expect(stageEnvironment(pinning)).toEqual({
      PROVENANCE_REQUEST_ID: 'run-7.pinning.9f8e',
      PROVENANCE_STAGE: 'pinning',
      PROVENANCE_RUN_ID: 'run-7',
      PROVENANCE_BUILDS: 'katcomp==1.4.2,katobs==0.9.1',
    });
  });

  it('given a package-build request outside any run, then the run id is empty and the inputs are listed', () => {
    const request = { requestId: 'package-build-0a', stage: 'package-build', runId: null, requestedAt: '', request: { package: 'katcore', inputs: [{ package: 'katcomp', version: '1.4.2' }] } } as const;
    expect(stageEnvironment(request)).toMatchObject({ PROVENANCE_RUN_ID: '', PROVENANCE_PACKAGE: 'katcore', PROVENANCE_INPUTS: 'katcomp==1.4.2' });
  });

  it('given an AQF request, then the image and environment are in its variables', () => {
    const request = { ...pinning, stage: 'aqf-run', request: { imageDigest: 'sha256:ab', environment: 'aqf-2' } } as const;
    expect(stageEnvironment(request)).toMatchObject({ PROVENANCE_IMAGE_DIGEST: 'sha256:ab', PROVENANCE_ENVIRONMENT: 'aqf-2' });
  });
});
