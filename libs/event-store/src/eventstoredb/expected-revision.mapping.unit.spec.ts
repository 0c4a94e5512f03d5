import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import type { ExpectedRevision } from '../expected-revision';
import { actualRevisionOf, clientExpectedRevisionOf, expectedRevisionOfClient } from './expected-revision.mapping';

describe('EventStoreDB expected revisions', () => {
  const pairs: [ExpectedRevision, ReturnType<typeof clientExpectedRevisionOf>][] = [
    ['any', ANY],
    ['no-stream', NO_STREAM],
    ['stream-exists', STREAM_EXISTS],
    [0n, 0n],
    [2n ** 53n + 1n, 2n ** 53n + 1n],
    [2n ** 63n - 1n, 2n ** 63n - 1n],
  ];

  it.each(pairs)('given the port expects %p, when mapped to the client, then it is %p, and mapped back it is the same', (port, client) => {
    expect(clientExpectedRevisionOf(port)).toBe(client);
    expect(expectedRevisionOfClient(client)).toBe(port);
  });

  it.each([-1n, 2n ** 63n])('given a revision outside 0..2^63-1 (%p), when mapped, then it is refused before the network', (revision) => {
    expect(() => clientExpectedRevisionOf(revision)).toThrow(RangeError);
  });

  it('given a refusal reporting the current revision, when mapped, then no_stream is "no-stream" and a revision stays exact', () => {
    expect(actualRevisionOf(NO_STREAM)).toBe('no-stream');
    expect(actualRevisionOf(2n ** 60n + 3n)).toBe(2n ** 60n + 3n);
  });
});
