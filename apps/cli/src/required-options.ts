import type { Command } from 'commander';
import { CliFailure, EXIT } from './exit-codes';

/**
 * Required options, checked by the command rather than by commander, which names only the first
 * one missing and does so before it says an option is unknown (`--pakage` read as "required
 * option --package not specified"). Every missing one is named at once, and `--help` marks them.
 */
export function requireAllAtOnce(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  if (required.length === 0) return;
  for (const option of required) {
    option.mandatory = false;
    option.description = option.description ? `${option.description} (required)` : '(required)';
  }
  command.hook('preAction', (_root, action) => {
    const given = action.opts<Record<string, unknown>>();
    const missing = required.filter((option) => given[option.attributeName()] === undefined).map((option) => option.flags);
    if (missing.length > 0) {
      throw new CliFailure(EXIT.usage, `error: ${missing.length === 1 ? 'a required option is' : 'required options are'} missing: ${missing.join(', ')}\n(add --help for usage)`);
    }
  });
}
