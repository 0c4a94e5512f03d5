/** A reason the process cannot start that the person starting it can fix: one line, exit 2, no stack. */
export class StartupProblem extends Error {}
