import { IsDefined } from 'class-validator';

/** A package graph as a message: pipdeptree's output, read by the domain when it is recorded. */
export class PackageGraphDto {
  /** `pipdeptree --json` or `--json-tree` output, as pipdeptree wrote it. */
  @IsDefined({ message: 'pipdeptree must be the output of pipdeptree --json or --json-tree' })
  pipdeptree!: unknown;
}
