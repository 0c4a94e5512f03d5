/** A line of a requirements file that a pinned set cannot be read from; `line` is 1-based. */
export class RequirementsSyntaxError extends Error {
  override readonly name = 'RequirementsSyntaxError';

  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}
