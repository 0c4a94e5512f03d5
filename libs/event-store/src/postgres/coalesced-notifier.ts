/**
 * Sends wake-up notifications outside the appends' transactions, at most one at a time:
 * pokes that arrive while one is in flight fold into a single follow-up. Under load that is
 * one NOTIFY per round trip instead of one per append, and no append waits for it.
 * A failed notification is dropped: subscribers also poll, so it costs latency, never events.
 */
export class CoalescedNotifier {
  private sending?: Promise<void>;
  private pokedAgain = false;

  constructor(private readonly send: () => Promise<unknown>) {}

  poke(): void {
    if (this.sending) {
      this.pokedAgain = true;
      return;
    }
    this.sending = this.sendUntilQuiet().finally(() => {
      this.sending = undefined;
    });
  }

  /** Resolves once no notification is in flight (call before closing the connection). */
  async drain(): Promise<void> {
    await this.sending;
  }

  private async sendUntilQuiet(): Promise<void> {
    do {
      this.pokedAgain = false;
      await this.send().catch(() => undefined);
    } while (this.pokedAgain);
  }
}
