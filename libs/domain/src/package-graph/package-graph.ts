/** A package that depends on another, and the version range it asks for (null when any will do). */
export interface PackageDependency {
  name: string;
  requiredVersion: string | null;
}

/** One installed distribution: PEP 503 normalised name, installed version, direct dependencies sorted by name. */
export interface PackageNode {
  name: string;
  version: string;
  dependencies: PackageDependency[];
}

/** What is installed in one environment; each package once, sorted by name. */
export interface PackageGraph {
  packages: PackageNode[];
}
