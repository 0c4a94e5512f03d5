export type { PackageDependency, PackageGraph, PackageNode } from './package-graph';
export { PackageGraphFormatError, parsePipdeptree } from './pipdeptree';
export { cyclesOf } from './cycles';
