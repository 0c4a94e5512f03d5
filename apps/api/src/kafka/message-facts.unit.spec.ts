import { factMessagesOf, UnrecordableMessage } from './message-facts';

function unrecordable(value: Buffer): UnrecordableMessage {
  try {
    factMessagesOf(value, 'application/json');
  } catch (error) {
    if (error instanceof UnrecordableMessage) return error;
    throw error;
  }
  throw new Error('expected an UnrecordableMessage');
}

describe('fact messages from Kafka', () => {
  it('given a fact message in UTF-8, then it is the one fact', () => {
    const fact = { type: 'commit', repository: 'https://github.com/ska-sa/katcomp', message: 'Ŝipho: fix \u202epointing' };
    expect(factMessagesOf(Buffer.from(JSON.stringify(fact), 'utf8'), 'application/json')).toEqual([fact]);
  });

  it('given a message that is not valid UTF-8, then it is invalid, naming the byte offset, instead of a fact with U+FFFD in it', () => {
    const head = Buffer.from('{"type":"commit","repository":"https://github.com/ska-sa/katcomp', 'utf8');
    const error = unrecordable(Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('"}', 'utf8')]));
    expect(error.reason).toBe('invalid');
    expect(error.problems).toEqual([`the message is not valid UTF-8: byte 0xe9 at offset ${head.length}`]);
  });

  it('given a message that is not JSON, then it is unparseable', () => {
    expect(unrecordable(Buffer.from('{"type":', 'utf8')).reason).toBe('unparseable');
  });
});
