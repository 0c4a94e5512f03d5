import { LongPollSlots } from './long-poll-slots';

describe('long-poll slots per caller', () => {
  it('given a caller at the cap, then it gets no slot until one is given back; other callers are not affected', () => {
    const slots = new LongPollSlots(2);
    const first = slots.take('token:jenkins');
    expect(slots.take('token:jenkins')).toBeDefined();
    expect(slots.take('token:jenkins')).toBeUndefined();
    expect(slots.take('address:10.0.0.7')).toBeDefined();
    first!();
    expect(slots.take('token:jenkins')).toBeDefined();
  });

  it('given a slot given back twice, then it counts once', () => {
    const slots = new LongPollSlots(2);
    const give = slots.take('a')!;
    slots.take('a');
    give();
    give();
    expect(slots.openFor('a')).toBe(1);
  });
});
