import { MAX_ITEMS } from '../shared/list-maxima';
import { arrayAt, JsonRecord, recordAt, requiredVersionAt, textAt } from './json-fields';
import type { PackageGraph } from './package-graph';
import { PackageGraphFormatError } from './package-graph-format.error';
import { PackageGraphBuilder } from './package-graph.builder';

export type { PackageDependency, PackageGraph, PackageNode } from './package-graph';
export { PackageGraphFormatError } from './package-graph-format.error';

type Layout = 'json' | 'json-tree';

// pipdeptree writes '?' as the installed version of a dependency that is not installed.
const NOT_INSTALLED = '?';

/**
 * Reads `pipdeptree --json` (one `{package, dependencies}` entry per distribution) or
 * `pipdeptree --json-tree` (root nodes with their dependencies nested), telling them apart by
 * their first entry. Both give the same graph for the same environment.
 */
export function parsePipdeptree(json: unknown): PackageGraph {
  const entries = listAt(json, 'packages', MAX_ITEMS.packages, 'packages');
  const builder = new PackageGraphBuilder();
  if (entries.length === 0) return builder.build();
  const layout = layoutOf(recordAt(entries[0], 'packages[0]'));
  switch (layout) {
    case 'json':
      entries.forEach((entry, index) => readFlatEntry(builder, entry, `packages[${index}]`));
      break;
    case 'json-tree':
      entries.forEach((entry, index) => readTreeNode(builder, entry, `packages[${index}]`, new Set()));
      break;
    default: {
      const unhandled: never = layout;
      throw new Error(`unhandled pipdeptree layout ${String(unhandled)}`);
    }
  }
  return builder.build();
}

/** An array of at most `max` items (see MAX_ITEMS). */
function listAt(value: unknown, path: string, max: number, what: string): unknown[] {
  const list = arrayAt(value, path);
  if (list.length > max) throw new PackageGraphFormatError(path, `${list.length} ${what}; a package graph holds at most ${max} ${what}`);
  return list;
}

function layoutOf(first: JsonRecord): Layout {
  if ('package' in first) return 'json';
  if ('key' in first) return 'json-tree';
  throw new PackageGraphFormatError(
    'packages[0]',
    'neither a pipdeptree --json entry ({package, dependencies}) nor a --json-tree node ({key, installed_version, dependencies})',
  );
}

function readFlatEntry(builder: PackageGraphBuilder, value: unknown, path: string): void {
  const entry = recordAt(value, path);
  if (!('package' in entry)) throw new PackageGraphFormatError(`${path}.package`, 'missing in a pipdeptree --json entry');
  const described = recordAt(entry.package, `${path}.package`);
  const key = textAt(described, 'key', `${path}.package`);
  const firstPath = builder.pathOf(key);
  if (firstPath !== undefined) throw new PackageGraphFormatError(`${path}.package.key`, `'${key}' is listed again (first at ${firstPath})`);
  const name = builder.addPackage(key, textAt(described, 'installed_version', `${path}.package`), path);
  listAt(entry.dependencies, `${path}.dependencies`, MAX_ITEMS.dependencies, 'dependencies').forEach((item, index) => {
    const dependencyPath = `${path}.dependencies[${index}]`;
    const dependency = recordAt(item, dependencyPath);
    builder.addDependency(name, textAt(dependency, 'key', dependencyPath), requiredVersionAt(dependency, dependencyPath));
  });
}

/** Real dependency trees are a few dozen levels deep; this bounds the recursion on hostile input. */
const MAX_TREE_DEPTH = 200;

/** `chain` holds the nodes above this one, so a self-containing object cannot recurse forever. */
function readTreeNode(builder: PackageGraphBuilder, value: unknown, path: string, chain: Set<unknown>): string {
  const node = recordAt(value, path);
  if (chain.has(node)) throw new PackageGraphFormatError(path, 'a node contains itself');
  if (chain.size >= MAX_TREE_DEPTH) {
    throw new PackageGraphFormatError(path, `dependencies nest deeper than ${MAX_TREE_DEPTH} levels; no real environment does`);
  }
  const key = textAt(node, 'key', path);
  const version = textAt(node, 'installed_version', path);
  const dependencies = listAt(node.dependencies, `${path}.dependencies`, MAX_ITEMS.dependencies, 'dependencies');
  // A missing package is only an edge of its parent; --json lists it nowhere as a package either.
  if (version === NOT_INSTALLED) return key;
  const name = builder.addPackage(key, version, path);
  const below = new Set(chain).add(node);
  dependencies.forEach((item, index) => {
    const childPath = `${path}.dependencies[${index}]`;
    const childKey = readTreeNode(builder, item, childPath, below);
    builder.addDependency(name, childKey, requiredVersionAt(recordAt(item, childPath), childPath));
  });
  return name;
}
