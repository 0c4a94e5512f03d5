/** The CLI's exit codes, for scripts and Jenkins steps. */
export const EXIT = {
  /** The fact is on record: recorded now, or it already was. */
  recorded: 0,
  /** The server refused it; its reason is printed. */
  refused: 1,
  /** `provenance verify`: a check failed; the verdict names it. */
  notVerified: 1,
  /** The command line was wrong; nothing was sent. */
  usage: 2,
  /** The server could not be reached, or kept failing, after the retries. */
  unreachable: 3,
} as const;

export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
