import { randomUUID } from 'node:crypto';
import { DEFAULT_APPEND_LIMITS, validateAppend } from './append-validation';
import { InvalidAppend } from './errors';

const valid = () => ({ id: randomUUID(), type: 'ImageBaked', data: { digest: 'sha256:00' } });

function refusal(streamId: unknown, events: unknown): InvalidAppend {
  try {
    validateAppend(streamId, events);
  } catch (error) {
    if (error instanceof InvalidAppend) return error;
    throw error;
  }
  throw new Error('expected the append to be refused');
}

describe('append validation', () => {
  it('given a valid batch, then ids are lower-cased and undefined metadata dropped', () => {
    const id = randomUUID().toUpperCase();
    const [event] = validateAppend('image-1', [{ id, type: 'T', data: {}, metadata: { actor: 'ci', causationId: undefined } }]);
    expect(event).toEqual({ id: id.toLowerCase(), type: 'T', data: {}, metadata: { actor: 'ci' } });
  });

  it('given data with undefined properties, then they are dropped as JSON drops them', () => {
    expect(() => validateAppend('s', [{ ...valid(), data: { a: undefined, b: [1] } }])).not.toThrow();
  });

  it.each([
    ['a bigint', { n: 1n }, 'events[0].data.n', 'json-value'],
    ['Infinity', { n: Infinity }, 'events[0].data.n', 'finite-number'],
    ['a lone surrogate', { s: '\ud800' }, 'events[0].data.s', 'storable-string'],
    ['a Date', { when: new Date(0) }, 'events[0].data.when', 'json-value'],
    ['undefined in an array', { list: [undefined] }, 'events[0].data.list[0]', 'json-value'],
    ['a class instance', new (class Image {})(), 'events[0].data', 'json-object'],
  ])('given data holding %s, then the path to it is named', (_what, data, field, rule) => {
    expect(refusal('s', [{ ...valid(), data }])).toMatchObject({ field, rule });
  });

  it('given events that are not an array, then the field is events', () => {
    expect(refusal('s', { ...valid() })).toMatchObject({ field: 'events', rule: 'array' });
  });

  it('given a stream id with a control character, then it is refused as not printable', () => {
    expect(refusal('image\u0007', [valid()])).toMatchObject({ field: 'streamId', rule: 'printable' });
  });

  it('given an event exactly at the size limit, then it passes, and one byte more fails', () => {
    const limits = { ...DEFAULT_APPEND_LIMITS, maxEventBytes: 200 };
    const base = { id: randomUUID(), type: 'T', data: { blob: '' } };
    const overhead = Buffer.byteLength(JSON.stringify({ type: 'T', data: { blob: '' }, metadata: {} }));
    const room = 200 - overhead;
    const at = { ...base, data: { blob: 'é'.repeat(Math.floor(room / 2)) + 'a'.repeat(room % 2) } };
    const over = { ...base, data: { blob: `${at.data.blob}x` } };

    expect(() => validateAppend('s', [at], limits)).not.toThrow();
    expect(() => validateAppend('s', [over], limits)).toThrow('serialises to 201 bytes; the limit is 200');
  });
});
