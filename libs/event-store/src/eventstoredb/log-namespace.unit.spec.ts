import { STREAM_NAME } from '@eventstore/db-client';
import { checkedNamespace, isLogEvent, logFilterOf, namespaceOfSchema, serverStreamOf, streamIdOf } from './log-namespace';

describe('the log on a shared EventStoreDB server', () => {
  it('given a schema name, then the namespace is the schema and a dot, and stream ids map both ways', () => {
    const namespace = namespaceOfSchema('provenance');
    expect(namespace).toBe('provenance.');
    expect(serverStreamOf(namespace, 'commit-abc')).toBe('provenance.commit-abc');
    expect(streamIdOf(namespace, 'provenance.commit-abc')).toBe('commit-abc');
  });

  it.each(['other.commit-abc', 'provenance.', '$all', '$$provenance.commit-abc', 'provenancecommit'])(
    'given the server stream %p, then it is not one of the log\'s streams',
    (stream) => {
      expect(streamIdOf('provenance.', stream)).toBeUndefined();
    },
  );

  it.each(['', '$provenance.', 'has space.', 'x'.repeat(65)])('given the namespace %p, then it is refused', (namespace) => {
    expect(() => checkedNamespace(namespace)).toThrow(RangeError);
  });

  it('given the namespace, when the live filter is built, then it is server-side by stream name prefix', () => {
    expect(logFilterOf('provenance.')).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['provenance.'] });
  });

  it.each([
    ['an event of the log', { event: { streamId: 'provenance.commit-a', type: 'CommitRecorded' } }, true],
    ['another log\'s event', { event: { streamId: 'other.commit-a', type: 'CommitRecorded' } }, false],
    ['a system stream\'s event', { event: { streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' } }, false],
    ['a metadata event', { event: { streamId: '$$provenance.commit-a', type: '$metadata' } }, false],
    ['a $-typed event in a log stream', { event: { streamId: 'provenance.commit-a', type: '$streamDeleted' } }, false],
    ['a link to a log event', { event: { streamId: 'provenance.commit-a', type: 'CommitRecorded' }, link: {} }, false],
    ['a record without its event', {}, false],
  ])('given %s read from $all, then it is a log event: %p', (_what, resolved, expected) => {
    expect(isLogEvent('provenance.', resolved)).toBe(expected);
  });
});
