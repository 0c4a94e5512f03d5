import type { PackageNode } from './package-graph';

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The dependency cycles in a graph, each as the packages round it from the first by name back
 * to it (`[["a", "b", "a"]]`: a needs b, b needs a). pip installs such rings, so they are
 * recorded, and flagged. Listing every cycle can take exponential time, so this lists the
 * shortest cycle through each package that is on one, in name order, skipping packages an
 * earlier cycle already passed through: every package on a cycle appears at least once.
 */
export function cyclesOf(packages: PackageNode[]): string[][] {
  const needs = new Map(packages.map((node) => [node.name, [...new Set(node.dependencies.map((dependency) => dependency.name))].sort(byCodeUnits)]));
  const shown = new Set<string>();
  const cycles: string[][] = [];
  for (const name of [...needs.keys()].sort(byCodeUnits)) {
    if (shown.has(name)) continue;
    const cycle = shortestCycleThrough(name, needs);
    if (cycle === undefined) continue;
    cycle.forEach((member) => shown.add(member));
    cycles.push(fromFirstByName(cycle));
  }
  return cycles.sort((a, b) => byCodeUnits(a.join('\n'), b.join('\n')));
}

/** Breadth first from `start` until an edge leads back to it: `[start, ..., start]`. */
function shortestCycleThrough(start: string, needs: Map<string, string[]>): string[] | undefined {
  const cameFrom = new Map<string, string>();
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const name of frontier) {
      for (const dependency of needs.get(name) ?? []) {
        if (dependency === start) return [...pathTo(name, start, cameFrom), start];
        if (cameFrom.has(dependency)) continue;
        cameFrom.set(dependency, name);
        next.push(dependency);
      }
    }
    frontier = next;
  }
  return undefined;
}

function pathTo(name: string, start: string, cameFrom: Map<string, string>): string[] {
  const path = [name];
  while (path[0] !== start) path.unshift(cameFrom.get(path[0])!);
  return path;
}

/** The same ring, starting (and ending) at its first package by name. */
function fromFirstByName(cycle: string[]): string[] {
  const ring = cycle.slice(0, -1);
  const first = ring.indexOf([...ring].sort(byCodeUnits)[0]);
  const rotated = [...ring.slice(first), ...ring.slice(0, first)];
  return [...rotated, rotated[0]];
}
