/** Input that is not pipdeptree output; `path` says where, e.g. `packages[3].dependencies[0].key`. */
export class PackageGraphFormatError extends Error {
  override readonly name = 'PackageGraphFormatError';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}
