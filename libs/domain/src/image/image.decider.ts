import { alreadyRecorded, Decider, DomainEvent, record, refuse, unreachable } from '../shared/decider';
import { recordOnce } from '../shared/record-once';
import { AqfRunOutcome, candidacyOf } from './release-candidate.policy';

export type ImageFact = {
  digest: string;
  name: string;
  pinnedSetId: string;
  builderId: string | null;
  buildUrl: string | null;
  bakedAt: string;
  requestId: string | null;
};

export type CandidateDecision = {
  imageDigest: string;
  automatic: boolean;
  by: string;
  reason: string | null;
  aqfRuns: AqfRunOutcome[];
  decidedAt: string;
};

export type ImageBaked = DomainEvent<'ImageBaked', ImageFact>;
export type AqfRunOutcomeNoted = DomainEvent<'AqfRunOutcomeNoted', AqfRunOutcome & { imageDigest: string }>;
export type ReleaseCandidatePromoted = DomainEvent<'ReleaseCandidatePromoted', CandidateDecision>;
export type ReleaseCandidateRejected = DomainEvent<'ReleaseCandidateRejected', CandidateDecision>;
export type ImageEvent = ImageBaked | AqfRunOutcomeNoted | ReleaseCandidatePromoted | ReleaseCandidateRejected;

export type RecordImage = { type: 'RecordImage'; fact: ImageFact };
export type NoteAqfRunOutcome = {
  type: 'NoteAqfRunOutcome';
  imageDigest: string;
  run: AqfRunOutcome;
  verificationEnvironments: string[];
};
export type DecideReleaseCandidate = {
  type: 'DecideReleaseCandidate';
  imageDigest: string;
  decision: 'promote' | 'reject';
  by: string;
  reason: string;
  decidedAt: string;
};
export type ImageCommand = RecordImage | NoteAqfRunOutcome | DecideReleaseCandidate;

export type ImageState = {
  baked?: ImageFact;
  runs: AqfRunOutcome[];
  decision?: CandidateDecision & { promoted: boolean };
};

export const imageStreamId = (digest: string) => `image-${digest}`;

/** Whether the image may be called a release candidate now. */
export const isReleaseCandidate = (state: ImageState) => state.decision?.promoted === true;

export const imageDecider: Decider<ImageState, ImageCommand, ImageEvent> = {
  initialState: { runs: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'ImageBaked':
        return { ...state, baked: event.data };
      case 'AqfRunOutcomeNoted': {
        const { imageDigest: _digest, ...run } = event.data;
        return { ...state, runs: [...state.runs, run] };
      }
      case 'ReleaseCandidatePromoted':
        return { ...state, decision: { ...event.data, promoted: true } };
      case 'ReleaseCandidateRejected':
        return { ...state, decision: { ...event.data, promoted: false } };
      default:
        return unreachable(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RecordImage':
        return recordOnce(`image ${command.fact.digest}`, state.baked, { type: 'ImageBaked', data: command.fact }, ['requestId']);
      case 'NoteAqfRunOutcome':
        return noteAqfRunOutcome(command, state);
      case 'DecideReleaseCandidate':
        return decideByHand(command, state);
      default:
        return unreachable(command);
    }
  },
};

/** Records a completed AQF run on its image and applies the release-candidate rule automatically. */
function noteAqfRunOutcome(command: NoteAqfRunOutcome, state: ImageState) {
  const known = state.runs.find((run) => run.runId === command.run.runId);
  if (known) return alreadyRecorded<ImageEvent>({ type: 'AqfRunOutcomeNoted', data: { imageDigest: command.imageDigest, ...known } });
  const noted: AqfRunOutcomeNoted = { type: 'AqfRunOutcomeNoted', data: { imageDigest: command.imageDigest, ...command.run } };
  // A release manager's decision stands until another release manager changes it.
  if (state.decision && !state.decision.automatic) return record<ImageEvent>(noted);

  const candidacy = candidacyOf([...state.runs, command.run], command.verificationEnvironments);
  const automatic = { imageDigest: command.imageDigest, automatic: true, by: 'policy', decidedAt: command.run.completedAt };
  switch (candidacy.verdict) {
    case 'rejected':
      if (state.decision && !state.decision.promoted) return record<ImageEvent>(noted);
      return record<ImageEvent>(noted, {
        type: 'ReleaseCandidateRejected',
        data: { ...automatic, reason: candidacy.reason, aqfRuns: [candidacy.failedRun] },
      });
    case 'candidate':
      if (state.decision) return record<ImageEvent>(noted);
      return record<ImageEvent>(noted, {
        type: 'ReleaseCandidatePromoted',
        data: { ...automatic, reason: null, aqfRuns: candidacy.justifiedBy },
      });
    case 'pending':
      return record<ImageEvent>(noted);
    default:
      return unreachable(candidacy);
  }
}

function decideByHand(command: DecideReleaseCandidate, state: ImageState) {
  if (command.reason.trim() === '') {
    return refuse('reason-required', 'a release manager\'s decision needs a reason');
  }
  const promoted = command.decision === 'promote';
  const current = state.decision;
  if (current && !current.automatic && current.promoted === promoted && current.by === command.by && current.reason === command.reason) {
    const { promoted: _promoted, ...existing } = current;
    return alreadyRecorded<ImageEvent>({ type: promoted ? 'ReleaseCandidatePromoted' : 'ReleaseCandidateRejected', data: existing });
  }
  const data: CandidateDecision = {
    imageDigest: command.imageDigest,
    automatic: false,
    by: command.by,
    reason: command.reason,
    aqfRuns: state.runs,
    decidedAt: command.decidedAt,
  };
  return record<ImageEvent>(promoted ? { type: 'ReleaseCandidatePromoted', data } : { type: 'ReleaseCandidateRejected', data });
}
