import { normalisePackageName } from '../pinned-set/package-name';
import type { PackageDependency, PackageGraph } from './package-graph';
import { PackageGraphFormatError } from './package-graph-format.error';

interface Collected {
  version: string;
  path: string;
  dependencies: Map<string, PackageDependency>;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Unconstrained first; a package can list one dependency twice (pipdeptree shows each extra's range).
const byRequiredVersion = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : byCodeUnits(a, b);

/** Gathers packages seen once or many times (the tree repeats shared subtrees) into one graph. */
export class PackageGraphBuilder {
  private readonly packages = new Map<string, Collected>();

  /** Adds a package, or checks a repeat against the first sighting; returns its normalised name. */
  addPackage(key: string, version: string, path: string): string {
    const name = normalisePackageName(key);
    const seen = this.packages.get(name);
    if (seen === undefined) {
      this.packages.set(name, { version, path, dependencies: new Map() });
    } else if (seen.version !== version) {
      throw new PackageGraphFormatError(
        `${path}.installed_version`,
        `'${name}' is installed as ${seen.version} at ${seen.path} but as ${version} here`,
      );
    }
    return name;
  }

  pathOf(key: string): string | undefined {
    return this.packages.get(normalisePackageName(key))?.path;
  }

  /** Dependencies merge as a set: a shared subtree seen twice adds nothing new. */
  addDependency(packageName: string, dependencyKey: string, requiredVersion: string | null): void {
    const dependencies = this.packages.get(packageName)?.dependencies;
    if (dependencies === undefined) throw new Error(`addDependency before addPackage for '${packageName}'`);
    const name = normalisePackageName(dependencyKey);
    dependencies.set(JSON.stringify([name, requiredVersion]), { name, requiredVersion });
  }

  build(): PackageGraph {
    const packages = [...this.packages.entries()].map(([name, collected]) => ({
      name,
      version: collected.version,
      dependencies: [...collected.dependencies.values()].sort(
        (a, b) => byCodeUnits(a.name, b.name) || byRequiredVersion(a.requiredVersion, b.requiredVersion),
      ),
    }));
    return { packages: packages.sort((a, b) => byCodeUnits(a.name, b.name)) };
  }
}
