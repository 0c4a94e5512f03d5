import { eventIdFor } from './event-id';

const recorded = { type: 'CommitRecorded', data: { repository: 'ska-sa/katcomp', sha: 'a'.repeat(40) } };
const VERSION_8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('given an event decided on a stream, when its id is derived, then it is a version-8 UUID with the RFC 9562 variant', () => {
    expect(eventIdFor('commit-ska-sa/katcomp@aaaa', 'none', 0, recorded)).toMatch(VERSION_8);
  });

  it('given the same decision on the same stream state, when its id is derived twice, then both ids are one', () => {
    expect(eventIdFor('s', '3', 1, recorded)).toBe(eventIdFor('s', '3', 1, { type: recorded.type, data: { sha: recorded.data.sha, repository: recorded.data.repository } }));
  });

  it('given another stream, revision, place in the batch or content, when the id is derived, then it differs', () => {
    const id = eventIdFor('s', '3', 1, recorded);
    expect(new Set([
      id,
      eventIdFor('t', '3', 1, recorded),
      eventIdFor('s', '4', 1, recorded),
      eventIdFor('s', '3', 0, recorded),
      eventIdFor('s', '3', 1, { ...recorded, data: { ...recorded.data, sha: 'b'.repeat(40) } }),
    ]).size).toBe(5);
  });
});
