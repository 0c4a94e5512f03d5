import { DomainEvent } from './decider';
import { differencesBetween, recordOnce } from './record-once';

type KatsimBuilt = DomainEvent<'KatsimBuilt', { version: string; artifact: { filename: string; sha256: string }; requestId: string | null }>;

const sha256 = 'a3b1c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3';
const otherSha256 = 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f';
const data: KatsimBuilt['data'] = {
  version: '1.9.0',
  artifact: { filename: 'katsim-1.9.0-py3-none-any.whl', sha256 },
  requestId: 'req-2026-11-24-0042',
};
const built: KatsimBuilt = { type: 'KatsimBuilt', data };

describe('record once', () => {
  it('given nothing recorded, when a fact comes, then it is recorded', () => {
    expect(recordOnce('katsim 1.9.0', undefined, built)).toEqual({ outcome: 'record', events: [built] });
  });

  it('given a recorded fact, when the same fact comes with keys in another order, then it is already recorded', () => {
    const reordered: KatsimBuilt = { type: 'KatsimBuilt', data: { requestId: data.requestId, artifact: { sha256, filename: data.artifact.filename }, version: '1.9.0' } };
    expect(recordOnce('katsim 1.9.0', data, reordered)).toEqual({ outcome: 'already-recorded', existing: built });
  });

  it('given a recorded fact, when it comes again differing only in an ignored field, then the first recording is returned', () => {
    const again: KatsimBuilt = { type: 'KatsimBuilt', data: { ...data, requestId: null } };
    expect(recordOnce('katsim 1.9.0', data, again, ['requestId'])).toEqual({ outcome: 'already-recorded', existing: built });
  });

  it('given a recorded fact, when another comes under the same identity, then it is refused with both versions and the differences', () => {
    const attempted = { ...data, artifact: { ...data.artifact, sha256: otherSha256 }, requestId: null };
    expect(recordOnce('katsim 1.9.0', data, { type: 'KatsimBuilt', data: attempted })).toEqual({
      outcome: 'refused',
      refusal: {
        kind: 'identity-conflict',
        message:
          'katsim 1.9.0 is already recorded with different content ' +
          `(artifact.sha256: recorded "${sha256}", now "${otherSha256}"; requestId: recorded "req-2026-11-24-0042", now null)`,
        recorded: data,
        attempted,
        differences: [
          { field: 'artifact.sha256', recorded: sha256, attempted: otherSha256 },
          { field: 'requestId', recorded: 'req-2026-11-24-0042', attempted: null },
        ],
      },
    });
  });
});

describe('differences between', () => {
  it('given arrays that differ, then the array is named as a whole', () => {
    expect(differencesBetween({ parents: ['a1'] }, { parents: ['a1', 'b2'] })).toEqual([
      { field: 'parents', recorded: ['a1'], attempted: ['a1', 'b2'] },
    ]);
  });

  it('given a missing field and a null one, then they are the same', () => {
    expect(differencesBetween({ buildUrl: null }, {})).toEqual([]);
  });

  it('given null against an object, then the whole field differs', () => {
    const artifact = { filename: 'katuilib-2.14.3.tar.gz', sha256 };
    expect(differencesBetween({ artifact: null }, { artifact })).toEqual([{ field: 'artifact', recorded: null, attempted: artifact }]);
  });

  it('given a nested ignored path, then it is left out', () => {
    expect(differencesBetween(data, { ...data, artifact: { ...data.artifact, sha256: otherSha256 } }, ['artifact.sha256'])).toEqual([]);
  });

  it('given two different scalars, then the whole fact differs', () => {
    expect(differencesBetween('katcomp', 'katobs')).toEqual([{ field: '(whole fact)', recorded: 'katcomp', attempted: 'katobs' }]);
  });
});
