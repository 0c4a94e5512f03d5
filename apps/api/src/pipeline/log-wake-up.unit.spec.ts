import { WakeUp } from './log-wake-up';

describe('a long-poll waiting for the log', () => {
  const never = new AbortController().signal;

  it('given an append while the waiter was busy, then the next wait returns at once (not after its minute)', async () => {
    const wakeUp = new WakeUp();
    wakeUp.wake();
    await wakeUp.next(60_000, never);
  });

  it('given an append while waiting, then the wait ends; an abort ends it too', async () => {
    const wakeUp = new WakeUp();
    const waiting = wakeUp.next(60_000, never);
    wakeUp.wake();
    await waiting;
    const client = new AbortController();
    const aborted = wakeUp.next(60_000, client.signal);
    client.abort();
    await aborted;
  });

  it('given nothing, then the wait ends at its timeout', async () => {
    await new WakeUp().next(10, never);
  });
});
