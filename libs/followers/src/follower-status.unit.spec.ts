import { lagOf } from './follower-status';

describe("a follower's lag from a count of the events after its checkpoint", () => {
  const now = Date.parse('2026-11-30T12:00:00Z');

  it('given waiting events, then the lag is their number and the age of the oldest, to a tenth of a second', () => {
    expect(lagOf({ events: 3, oldestRecordedAt: new Date('2026-11-30T11:59:57.26Z') }, now)).toEqual({ events: 3, seconds: 2.7 });
  });

  it('given none, then the lag is nothing', () => {
    expect(lagOf({ events: 0, oldestRecordedAt: null }, now)).toEqual({ events: 0, seconds: 0 });
  });

  it("given an event recorded after this process's now (another clock), then its age is 0, never negative", () => {
    expect(lagOf({ events: 1, oldestRecordedAt: new Date('2026-11-30T12:00:03Z') }, now)).toEqual({ events: 1, seconds: 0 });
  });
});
