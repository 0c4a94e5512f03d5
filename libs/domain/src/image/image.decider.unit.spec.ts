import { fail2, pass1, pass2, run } from './aqf-runs.fixture';
import { deciderSpec } from '@provenance/testing';
import { AqfRunOutcomeNoted, CandidateDecision, ImageBaked, ImageCommand, ImageEvent, ImageFact, imageDecider } from './image.decider';
import { AqfRunOutcome } from './release-candidate.policy';

const spec = deciderSpec(imageDecider);

const digest = 'sha256:4c1f8e2a9b3d7c5e0f6a2b8d4c1e9f3a7b5d0c2e8f4a6b1d3c9e7f5a0b2d4c6e';
const image: ImageFact = {
  digest,
  name: 'autobuild-2026-11-25.tar.gz',
  pinnedSetId: 'sha256:7a9c1e3f5b7d9a1c3e5f7b9d1a3c5e7f9b1d3a5c7e9f1b3d5a7c9e1f3b5d7a9c',
  builderId: 'kat-imagebuilder-02',
  buildUrl: 'https://jenkins.camlab.kat.ac.za/job/autobuild/1125/',
  bakedAt: '2026-11-25T03:15:00Z',
  requestId: 'req-2026-11-25-0001',
};
const baked: ImageBaked = { type: 'ImageBaked', data: image };


const note = (outcome: AqfRunOutcome): ImageCommand => ({
  type: 'NoteAqfRunOutcome',
  imageDigest: digest,
  run: outcome,
  verificationEnvironments: ['aqf-1', 'aqf-2'],
});
const noted = (outcome: AqfRunOutcome): AqfRunOutcomeNoted => ({ type: 'AqfRunOutcomeNoted', data: { imageDigest: digest, ...outcome } });
const byPolicy = (aqfRuns: AqfRunOutcome[], reason: string | null, decidedAt: string): CandidateDecision => ({
  imageDigest: digest,
  automatic: true,
  by: 'policy',
  reason,
  aqfRuns,
  decidedAt,
});
const promotedByPolicy: ImageEvent = { type: 'ReleaseCandidatePromoted', data: byPolicy([pass1, pass2], null, pass2.completedAt) };
const rejectedByPolicy = (failed: AqfRunOutcome, reason: string): ImageEvent => ({
  type: 'ReleaseCandidateRejected',
  data: byPolicy([failed], reason, failed.completedAt),
});
const byHand = (decision: 'promote' | 'reject', reason: string): ImageCommand => ({
  type: 'DecideReleaseCandidate',
  imageDigest: digest,
  decision,
  by: 'Lerato Mokoena',
  reason,
  decidedAt: '2026-11-25T13:00:00Z',
});
const handDecision = (aqfRuns: AqfRunOutcome[], reason: string): CandidateDecision => ({
  imageDigest: digest,
  automatic: false,
  by: 'Lerato Mokoena',
  reason,
  aqfRuns,
  decidedAt: '2026-11-25T13:00:00Z',
});

describe('image decider: recording the bake', () => {
  it('given no image, when it is recorded, then ImageBaked holds the fact', () => {
    spec.given([]).when({ type: 'RecordImage', fact: image }).then([baked]);
  });

  it('given a recorded image, when it is recorded again under another requestId, then it is already recorded', () => {
    spec.given([baked]).when({ type: 'RecordImage', fact: { ...image, requestId: null } }).thenAlreadyRecorded(baked);
  });

  it('given a recorded image, when the same digest is recorded from another pinned set, then it is refused showing both', () => {
    const otherSet = 'sha256:1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d';
    spec
      .given([baked])
      .when({ type: 'RecordImage', fact: { ...image, pinnedSetId: otherSet } })
      .thenRefused({
        kind: 'identity-conflict',
        message: `image ${digest} is already recorded with different content (pinnedSetId: recorded "${image.pinnedSetId}", now "${otherSet}")`,
        differences: [{ field: 'pinnedSetId', recorded: image.pinnedSetId, attempted: otherSet }],
      });
  });
});

describe('image decider: automatic release-candidate decisions', () => {
  it('given a pass in aqf-1 only, when it is noted, then no decision is made yet', () => {
    spec.given([baked]).when(note(pass1)).then([noted(pass1)]);
  });

  it('given a pass in aqf-1, when a pass in aqf-2 is noted, then the policy promotes the image', () => {
    spec.given([baked, noted(pass1)]).when(note(pass2)).then([noted(pass2), promotedByPolicy]);
  });

  it('given two passes in aqf-1, when aqf-2 passes, then the promotion cites the latest aqf-1 run', () => {
    const rerun1 = run('aqf-1-2026-11-25-0008', 'aqf-1', 'passed', '2026-11-25T10:05:00Z');
    spec
      .given([baked, noted(rerun1), noted(pass1)])
      .when(note(pass2))
      .then([noted(pass2), { type: 'ReleaseCandidatePromoted', data: byPolicy([rerun1, pass2], null, pass2.completedAt) }]);
  });

  it('given a recorded image, when a failed aqf-2 run is noted, then the policy rejects it', () => {
    spec
      .given([baked])
      .when(note(fail2))
      .then([noted(fail2), rejectedByPolicy(fail2, 'AQF run aqf-2-2026-11-25-0005 in aqf-2 failed')]);
  });

  it('given a pass in aqf-2, when an aqf-1 run ending in error is noted, then the policy rejects it', () => {
    const error1 = run('aqf-1-2026-11-25-0009', 'aqf-1', 'error', '2026-11-25T10:40:00Z');
    spec
      .given([baked, noted(pass2)])
      .when(note(error1))
      .then([noted(error1), rejectedByPolicy(error1, 'AQF run aqf-1-2026-11-25-0009 in aqf-1 ended in error')]);
  });

  it('given a pass in aqf-1, when a failure on site is noted, then it does not count', () => {
    const siteFailure = run('site-2026-11-25-0001', 'site', 'failed', '2026-11-25T10:00:00Z');
    spec.given([baked, noted(pass1)]).when(note(siteFailure)).then([noted(siteFailure)]);
  });

  it('given a pass in aqf-1 and a failure on site, when aqf-2 passes, then the image is still promoted', () => {
    const siteFailure = run('site-2026-11-25-0001', 'site', 'failed', '2026-11-25T09:00:00Z');
    spec.given([baked, noted(pass1), noted(siteFailure)]).when(note(pass2)).then([noted(pass2), promotedByPolicy]);
  });

  it('given a noted run, when it is noted again, then it is already recorded', () => {
    spec.given([baked, noted(pass1)]).when(note(pass1)).thenAlreadyRecorded(noted(pass1));
  });

  it('given an automatic rejection, when a later pass is noted, then the rejection stays', () => {
    const rerun2 = run('aqf-2-2026-11-25-0006', 'aqf-2', 'passed', '2026-11-25T12:00:00Z');
    const rejected = rejectedByPolicy(fail2, 'AQF run aqf-2-2026-11-25-0005 in aqf-2 failed');
    spec.given([baked, noted(pass1), noted(fail2), rejected]).when(note(rerun2)).then([noted(rerun2)]);
  });

  it('given an automatic promotion, when a later failure is noted, then the promotion is withdrawn', () => {
    spec
      .given([baked, noted(pass1), noted(pass2), promotedByPolicy])
      .when(note(fail2))
      .then([noted(fail2), rejectedByPolicy(fail2, 'AQF run aqf-2-2026-11-25-0005 in aqf-2 failed')]);
  });
});

describe('image decider: a release manager decides by hand', () => {
  it('given noted runs, when a release manager promotes with a reason, then it is recorded as not automatic, with who and why', () => {
    spec
      .given([baked, noted(pass1)])
      .when(byHand('promote', 'aqf-2 is down for maintenance; aqf-1 covers this change'))
      .then([{ type: 'ReleaseCandidatePromoted', data: handDecision([pass1], 'aqf-2 is down for maintenance; aqf-1 covers this change') }]);
  });

  it('given an automatic promotion, when a release manager rejects with a reason, then the rejection is recorded', () => {
    spec
      .given([baked, noted(pass1), noted(pass2), promotedByPolicy])
      .when(byHand('reject', 'katproxy regression seen on the receptor simulator'))
      .then([{ type: 'ReleaseCandidateRejected', data: handDecision([pass1, pass2], 'katproxy regression seen on the receptor simulator') }]);
  });

  it.each(['', '   '])('given a recorded image, when a release manager decides with reason %p, then it is refused: a reason is required', (reason) => {
    spec.given([baked]).when(byHand('promote', reason)).thenRefused({ kind: 'rule-violated', rule: 'reason-required' });
  });

  it('given a manual promotion, when the same decision is made again, then it is already recorded', () => {
    const promoted: ImageEvent = { type: 'ReleaseCandidatePromoted', data: handDecision([pass1], 'urgent site fix') };
    spec.given([baked, noted(pass1), promoted]).when(byHand('promote', 'urgent site fix')).thenAlreadyRecorded(promoted);
  });

  it('given a manual promotion, when a failure is noted, then it is noted but no automatic decision is made', () => {
    const promoted: ImageEvent = { type: 'ReleaseCandidatePromoted', data: handDecision([pass1], 'urgent site fix') };
    spec.given([baked, noted(pass1), promoted]).when(note(fail2)).then([noted(fail2)]);
  });

  it('given a manual rejection, when passes complete in every verification environment, then no automatic promotion is made', () => {
    const rejected: ImageEvent = { type: 'ReleaseCandidateRejected', data: handDecision([pass1], 'wrong katsim pinned') };
    spec.given([baked, noted(pass1), rejected]).when(note(pass2)).then([noted(pass2)]);
  });
});
