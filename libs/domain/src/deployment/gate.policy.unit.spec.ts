import { AqfRunOutcome } from '../image/release-candidate.policy';
import { CandidateDecision, ImageEvent, ImageState, imageDecider } from '../image/image.decider';
import { DEFAULT_ENVIRONMENT_SETTINGS, evaluateGate } from './gate.policy';

const digest = 'sha256:4c1f8e2a9b3d7c5e0f6a2b8d4c1e9f3a7b5d0c2e8f4a6b1d3c9e7f5a0b2d4c6e';
const baked: ImageEvent = {
  type: 'ImageBaked',
  data: {
    digest,
    name: 'autobuild-2026-11-25.tar.gz',
    pinnedSetId: 'sha256:7a9c1e3f5b7d9a1c3e5f7b9d1a3c5e7f9b1d3a5c7e9f1b3d5a7c9e1f3b5d7a9c',
    builderId: 'kat-imagebuilder-02',
    buildUrl: null,
    bakedAt: '2026-11-25T03:15:00Z',
    requestId: null,
  },
};
const pass1: AqfRunOutcome = { runId: 'aqf-1-2026-11-25-0007', environment: 'aqf-1', outcome: 'passed', completedAt: '2026-11-25T09:12:44Z' };
const pass2: AqfRunOutcome = { runId: 'aqf-2-2026-11-25-0004', environment: 'aqf-2', outcome: 'passed', completedAt: '2026-11-25T09:30:10Z' };
const fail2: AqfRunOutcome = { runId: 'aqf-2-2026-11-25-0005', environment: 'aqf-2', outcome: 'failed', completedAt: '2026-11-25T11:02:31Z' };
const noted = (run: AqfRunOutcome): ImageEvent => ({ type: 'AqfRunOutcomeNoted', data: { imageDigest: digest, ...run } });
const decision = (automatic: boolean, reason: string | null, aqfRuns: AqfRunOutcome[]): CandidateDecision => ({
  imageDigest: digest,
  automatic,
  by: automatic ? 'policy' : 'Lerato Mokoena',
  reason,
  aqfRuns,
  decidedAt: '2026-11-25T13:00:00Z',
});

const imageAfter = (events: ImageEvent[]): ImageState => events.reduce(imageDecider.evolve, imageDecider.initialState);
const gate = (environment: string, events: ImageEvent[]) => evaluateGate(digest, environment, imageAfter(events), DEFAULT_ENVIRONMENT_SETTINGS);

describe('deployment gate', () => {
  it('given an unrecorded image, when it goes to site, then it is not allowed', () => {
    expect(gate('site', [])).toEqual({
      allowed: false,
      releaseCandidate: false,
      reasons: [`image ${digest} is not recorded: no bake of it is known`],
    });
  });

  it('given an unrecorded image, when it goes to aqf-1 or lab, then it is allowed, since facts arrive in any order', () => {
    expect(gate('aqf-1', [])).toEqual({
      allowed: true,
      releaseCandidate: false,
      reasons: [`aqf-1 is a verification environment: any image may be verified there (image ${digest} is not recorded yet)`],
    });
    expect(gate('lab', []).allowed).toBe(true);
  });

  it('given a recorded image rejected by the policy, when it goes to aqf-2, then verification is allowed', () => {
    const rejected: ImageEvent = { type: 'ReleaseCandidateRejected', data: decision(true, 'AQF run aqf-2-2026-11-25-0005 in aqf-2 failed', [fail2]) };
    expect(gate('aqf-2', [baked, noted(fail2), rejected])).toEqual({
      allowed: true,
      releaseCandidate: false,
      reasons: ['aqf-2 is a verification environment: any image may be verified there'],
    });
  });

  it('given a recorded image, when it goes to an environment with no role, then no gate applies', () => {
    expect(gate('lab', [baked])).toEqual({
      allowed: true,
      releaseCandidate: false,
      reasons: ['lab is neither a verification nor a production environment: no gate applies'],
    });
  });

  it('given a recorded image with no AQF runs, when it goes to site, then it is refused, waiting on both verification environments', () => {
    expect(gate('site', [baked])).toEqual({
      allowed: false,
      releaseCandidate: false,
      reasons: ['not a release candidate yet: waiting for passing AQF runs in aqf-1, aqf-2'],
    });
  });

  it('given a pass in aqf-1 only, when it goes to site, then it is refused, waiting on aqf-2', () => {
    expect(gate('site', [baked, noted(pass1)]).reasons).toEqual(['not a release candidate yet: waiting for passing AQF runs in aqf-2']);
  });

  it('given an automatic promotion, when it goes to site, then it is allowed, citing the AQF runs', () => {
    const promoted: ImageEvent = { type: 'ReleaseCandidatePromoted', data: decision(true, null, [pass1, pass2]) };
    expect(gate('site', [baked, noted(pass1), noted(pass2), promoted])).toEqual({
      allowed: true,
      releaseCandidate: true,
      reasons: ['release candidate, promoted automatically; AQF runs aqf-1-2026-11-25-0007 (aqf-1, passed), aqf-2-2026-11-25-0004 (aqf-2, passed)'],
    });
  });

  it('given a promotion by a release manager, when it goes to site, then it is allowed, saying who and why', () => {
    const promoted: ImageEvent = { type: 'ReleaseCandidatePromoted', data: decision(false, 'urgent katproxy fix', [pass1]) };
    expect(gate('site', [baked, noted(pass1), promoted]).reasons).toEqual([
      'release candidate, promoted by Lerato Mokoena: urgent katproxy fix; AQF runs aqf-1-2026-11-25-0007 (aqf-1, passed)',
    ]);
  });

  it('given an automatic rejection, when it goes to site, then it is refused, saying why', () => {
    const rejected: ImageEvent = { type: 'ReleaseCandidateRejected', data: decision(true, 'AQF run aqf-2-2026-11-25-0005 in aqf-2 failed', [fail2]) };
    expect(gate('site', [baked, noted(fail2), rejected])).toEqual({
      allowed: false,
      releaseCandidate: false,
      reasons: ['not a release candidate: rejected automatically: AQF run aqf-2-2026-11-25-0005 in aqf-2 failed'],
    });
  });

  it('given a rejection by a release manager, when it goes to site, then it is refused, saying who and why', () => {
    const rejected: ImageEvent = { type: 'ReleaseCandidateRejected', data: decision(false, 'wrong katsim pinned', [pass1, pass2]) };
    expect(gate('site', [baked, noted(pass1), noted(pass2), rejected]).reasons).toEqual([
      'not a release candidate: rejected by Lerato Mokoena: wrong katsim pinned',
    ]);
  });

  it('given the default settings, then aqf-1 and aqf-2 verify and site is production', () => {
    expect(DEFAULT_ENVIRONMENT_SETTINGS).toEqual({ verificationEnvironments: ['aqf-1', 'aqf-2'], productionEnvironments: ['site'] });
  });
});
