/**
 * How many long-polls each caller has open, against a cap per caller. A caller is a token's
 * name, or without tokens the remote address, so one agent gone wrong cannot hold every
 * connection the server has.
 */
export class LongPollSlots {
  private readonly open = new Map<string, number>();

  constructor(readonly maxPerCaller: number) {}

  /** A slot for `caller` and the function that gives it back (once), or undefined when the caller has all of theirs. */
  take(caller: string): (() => void) | undefined {
    const taken = this.open.get(caller) ?? 0;
    if (taken >= this.maxPerCaller) return undefined;
    this.open.set(caller, taken + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.open.get(caller) ?? 1) - 1;
      if (left === 0) this.open.delete(caller);
      else this.open.set(caller, left);
    };
  }

  openFor(caller: string): number {
    return this.open.get(caller) ?? 0;
  }
}
