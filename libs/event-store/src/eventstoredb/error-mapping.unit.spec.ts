import { AccessDeniedError, DeadlineExceededError, MaxAppendSizeExceededError, NO_STREAM, UnavailableError, UnknownError, WrongExpectedVersionError } from '@eventstore/db-client';
import { ExpectedRevisionConflict, InvalidAppend, LogUnavailable } from '../errors';
import { portErrorOf } from './error-mapping';

const url = 'esdb://admin:hunter2@127.0.0.1:2113?tls=false';

describe('EventStoreDB errors as the port\'s', () => {
  it('given WrongExpectedVersion, then it is an ExpectedRevisionConflict with the caller\'s expectation and the stream\'s revision', () => {
    const refused = new WrongExpectedVersionError(undefined, { streamName: 'provenance.s', expected: 1n, current: 4n });
    const error = portErrorOf(refused, { streamId: 's', expected: 1n, url });
    expect(error).toBeInstanceOf(ExpectedRevisionConflict);
    expect(error).toMatchObject({ streamId: 's', expected: 1n, actual: 4n });
  });

  it('given WrongExpectedVersion on a stream that does not exist, then the actual revision is no-stream', () => {
    const refused = new WrongExpectedVersionError(undefined, { streamName: 'provenance.s', expected: 'stream_exists', current: NO_STREAM });
    expect(portErrorOf(refused, { streamId: 's', expected: 'stream-exists', url })).toMatchObject({ expected: 'stream-exists', actual: 'no-stream' });
  });

  it.each([
    ['an unavailable server', new UnavailableError(undefined, 'connect ECONNREFUSED 127.0.0.1:2113 with hunter2'), 'no server answers'],
    ['a deadline passed', new DeadlineExceededError(undefined, 'deadline'), 'no answer in time'],
    ['refused credentials', new AccessDeniedError(undefined, 'denied'), 'check the user and password in EVENTSTORE_URL'],
  ])('given %s, then it is LogUnavailable naming the server without its password', (_what, error, reason) => {
    const mapped = portErrorOf(error, { url });
    expect(mapped).toBeInstanceOf(LogUnavailable);
    expect(mapped!.message).toContain(reason);
    expect(mapped!.message).toContain('esdb://admin:****@127.0.0.1:2113?tls=false');
    expect(mapped!.message).not.toContain('hunter2');
  });

  it('given a raw gRPC UNAVAILABLE (the client passes some on unconverted), then it is LogUnavailable', () => {
    const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED 127.0.0.1:2113'), { code: 14 });
    expect(portErrorOf(raw, { url })).toBeInstanceOf(LogUnavailable);
  });

  it('given an append over the server\'s MaxAppendSize, then it is InvalidAppend max-size', () => {
    expect(portErrorOf(new MaxAppendSizeExceededError(undefined, 1048576), { streamId: 's', url })).toBeInstanceOf(InvalidAppend);
  });

  it('given any other error, then it is none of the port\'s', () => {
    expect(portErrorOf(new UnknownError(undefined, 'boom'), { url })).toBeUndefined();
    expect(portErrorOf(new Error('bug'), { url })).toBeUndefined();
  });
});
