/** One version of a package and the nodes that run it. */
export interface RunningVersion {
  name: string;
  version: string | null;
  nodes: string[];
}

interface Patch {
  package: string;
  toVersion: string;
  nodes: string[];
}

/**
 * What runs on which node: every package at its pinned version on every deployed node, then the
 * patches in the order they were applied, each on its own nodes only. A package runs one version
 * everywhere, or one entry per version with the nodes that run it (pinned nodes first).
 */
export function runningVersions(pinned: { name: string; version: string | null }[], deployedTo: string[], patches: Patch[]): RunningVersion[] {
  const nodes = [...deployedTo];
  const versions = new Map<string, Map<string, string | null>>(pinned.map((pkg) => [pkg.name, new Map(nodes.map((node) => [node, pkg.version]))]));
  for (const patch of patches) {
    for (const node of patch.nodes) if (!nodes.includes(node)) nodes.push(node);
    const onNodes = versions.get(patch.package) ?? new Map<string, string | null>();
    for (const node of patch.nodes) onNodes.set(node, patch.toVersion);
    versions.set(patch.package, onNodes);
  }
  return [...versions].flatMap(([name, onNodes]) => {
    const byVersion = new Map<string | null, string[]>();
    for (const node of nodes) {
      if (!onNodes.has(node)) continue;
      const version = onNodes.get(node)!;
      byVersion.set(version, [...(byVersion.get(version) ?? []), node]);
    }
    if (byVersion.size === 0) return [{ name, version: pinned.find((pkg) => pkg.name === name)?.version ?? null, nodes: [] }];
    return [...byVersion].map(([version, on]) => ({ name, version, nodes: on }));
  });
}
