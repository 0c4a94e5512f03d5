import { CoalescedNotifier } from './coalesced-notifier';

describe('CoalescedNotifier', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Lets every settled promise run its callbacks. */
  const settle = async () => {
    for (let n = 0; n < 5; n++) await Promise.resolve();
  };

  it('given nothing in flight, when poked, then it sends at once', async () => {
    const send = jest.fn(() => Promise.resolve());
    const notifier = new CoalescedNotifier(send, 5);

    notifier.poke();

    expect(send).toHaveBeenCalledTimes(1);
  });

  it('given a notification just sent, when poked three times within the gap, then the pokes fold into one sent when the gap ends', async () => {
    const send = jest.fn(() => Promise.resolve());
    const notifier = new CoalescedNotifier(send, 5);
    notifier.poke();
    await settle();

    notifier.poke();
    notifier.poke();
    notifier.poke();
    await settle();
    expect(send).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(5);
    expect(send).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(50);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('given the gap has passed with no poke, when poked, then it sends at once', async () => {
    const send = jest.fn(() => Promise.resolve());
    const notifier = new CoalescedNotifier(send, 5);
    notifier.poke();
    await jest.advanceTimersByTimeAsync(5);

    notifier.poke();

    expect(send).toHaveBeenCalledTimes(2);
  });

  it('given a send that fails, when poked again after the gap, then it still sends', async () => {
    const send = jest.fn().mockRejectedValueOnce(new Error('connection lost')).mockResolvedValue(undefined);
    const notifier = new CoalescedNotifier(send, 5);
    notifier.poke();
    await jest.advanceTimersByTimeAsync(5);

    notifier.poke();
    await jest.advanceTimersByTimeAsync(5);
    await notifier.drain();

    expect(send).toHaveBeenCalledTimes(2);
  });

  it('given a gap of 0, when poked during a send, then the follow-up goes as soon as the send returns', async () => {
    let finish = () => undefined as void;
    const send = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const notifier = new CoalescedNotifier(send);
    notifier.poke();

    notifier.poke();
    finish();
    await settle();

    expect(send).toHaveBeenCalledTimes(2);
  });
});
