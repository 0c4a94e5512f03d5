import { Graph, layout } from '@dagrejs/dagre';
import type { Schemas } from '../api/schemas';
import { streamIds } from '../api/stream-ids';

export type NodeState = 'passed' | 'failed' | 'pending' | 'unresolved' | 'violation' | 'info';
export type NodeKind = 'commit' | 'build' | 'third-party' | 'pinned-set' | 'image' | 'aqf-run' | 'decision' | 'deployment';

export interface LineageNode {
  id: string;
  kind: NodeKind;
  label: string;
  detail: string;
  state: NodeState;
  /** The fact as the answer gave it, shown when the node is picked. */
  fact: unknown;
  /** The log stream its raw events are in, when it has one. */
  streamId?: string;
  /** The source commit of a commit or build node, for "where is this commit". */
  source?: { repository: string; sha: string };
}

export interface LineageEdge {
  from: string;
  to: string;
}

export interface PlacedNode extends LineageNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Deployment {
  environment: string;
  entry: Schemas['HistoryEntryAnswer'];
}

const outcome = (value: string | null | undefined): NodeState =>
  value === 'passed' || value === 'succeeded' ? 'passed' : value === null || value === undefined ? 'pending' : 'failed';

/**
 * Commits → package builds → pinned set → image → AQF runs → release decision → deployments.
 * Third-party packages (no build on record) are one group node unless `expandThirdParty`, so an
 * image of 150 pinned requirements stays a readable picture.
 */
export function lineageGraph(lineage: Schemas['LineageAnswer'], deployments: Deployment[], expandThirdParty: boolean): { nodes: LineageNode[]; edges: LineageEdge[] } {
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  const unresolved = new Set(lineage.unresolved.map((item) => item.reference));
  const image = lineage.image;
  const pinnedId = lineage.pinnedSet ? `pinned-set:${lineage.pinnedSet.id}` : undefined;
  const imageId = `image:${image.digest}`;

  const thirdParty = lineage.packages.filter((pkg) => !pkg.build);
  for (const pkg of lineage.packages.filter((one) => one.build)) {
    const buildId = `build:${pkg.name}@${pkg.version}`;
    nodes.push({
      id: buildId,
      kind: 'build',
      label: `${pkg.name} ${pkg.version ?? ''}`,
      detail: `build ${pkg.build!.outcome}`,
      state: outcome(pkg.build!.outcome),
      fact: pkg,
      streamId: pkg.version ? streamIds.build(pkg.name, pkg.version) : undefined,
      source: pkg.source ?? undefined,
    });
    edges.push({ from: buildId, to: pinnedId ?? imageId });
    if (pkg.source) {
      const commitId = `commit:${pkg.source.repository}@${pkg.source.sha}`;
      if (!nodes.some((node) => node.id === commitId)) {
        nodes.push({
          id: commitId,
          kind: 'commit',
          label: `${pkg.source.repository.replace(/^.*\//, '')} ${pkg.source.sha.slice(0, 7)}`,
          detail: pkg.source.author.replace(/\s*<.*>/, ''),
          state: 'info',
          fact: pkg.source,
          streamId: streamIds.commit(pkg.source.repository, pkg.source.sha),
          source: pkg.source,
        });
      }
      edges.push({ from: commitId, to: buildId });
    } else {
      const missing = `unresolved:${pkg.name}`;
      nodes.push({ id: missing, kind: 'commit', label: `${pkg.name}: source?`, detail: 'commit not on record', state: 'unresolved', fact: { package: pkg.name, unresolved: [...unresolved] } });
      edges.push({ from: missing, to: buildId });
    }
  }
  if (thirdParty.length > 0 && !expandThirdParty) {
    nodes.push({ id: 'third-party', kind: 'third-party', label: `${thirdParty.length} third-party packages`, detail: 'press to expand', state: 'info', fact: thirdParty });
    edges.push({ from: 'third-party', to: pinnedId ?? imageId });
  } else {
    for (const pkg of thirdParty) {
      nodes.push({ id: `third-party:${pkg.name}`, kind: 'third-party', label: `${pkg.name} ${pkg.version ?? ''}`, detail: 'third-party', state: 'info', fact: pkg });
      edges.push({ from: `third-party:${pkg.name}`, to: pinnedId ?? imageId });
    }
  }
  if (lineage.pinnedSet && pinnedId) {
    nodes.push({
      id: pinnedId,
      kind: 'pinned-set',
      label: lineage.pinnedSet.name ?? lineage.pinnedSet.id,
      detail: `pinned set, ${lineage.packages.length} requirements`,
      state: 'info',
      fact: lineage.pinnedSet,
      streamId: streamIds.pinnedSet(lineage.pinnedSet.id),
    });
    edges.push({ from: pinnedId, to: imageId });
  }
  nodes.push({
    id: imageId,
    kind: 'image',
    label: image.name ?? image.digest.slice(7, 19),
    detail: `image ${image.digest.replace(/^sha256:/, '').slice(0, 12)}`,
    state: lineage.unresolved.length > 0 ? 'unresolved' : 'info',
    fact: image,
    streamId: streamIds.image(image.digest),
  });

  const decision = lineage.decisions.at(-1);
  const decisionId = 'decision';
  for (const run of lineage.aqfRuns) {
    const runId = `aqf-run:${run.runId}`;
    nodes.push({ id: runId, kind: 'aqf-run', label: `AQF ${run.runId}`, detail: `${run.environment}: ${run.outcome ?? 'running'}`, state: outcome(run.outcome), fact: run, streamId: streamIds.aqfRun(run.runId) });
    edges.push({ from: imageId, to: runId });
    if (decision) edges.push({ from: runId, to: decisionId });
  }
  if (decision) {
    nodes.push({
      id: decisionId,
      kind: 'decision',
      label: decision.releaseCandidate ? 'release candidate' : 'rejected',
      detail: `${decision.automatic ? 'by policy' : `by ${decision.by}`}`,
      state: decision.releaseCandidate ? 'passed' : 'failed',
      fact: lineage.decisions,
      streamId: streamIds.image(image.digest),
    });
    if (lineage.aqfRuns.length === 0) edges.push({ from: imageId, to: decisionId });
  }
  for (const { environment, entry } of deployments) {
    const id = `deployment:${entry.deploymentId}`;
    const violations = entry.policyViolations ?? [];
    nodes.push({
      id,
      kind: 'deployment',
      label: `${environment}: ${entry.deploymentId}`,
      detail: violations.length > 0 ? `policy: ${violations[0]}` : `${entry.outcome ?? 'in progress'} by ${entry.by}`,
      state: violations.length > 0 ? 'violation' : outcome(entry.outcome ?? null),
      fact: { environment, ...entry },
      streamId: entry.deploymentId ? streamIds.deployment(entry.deploymentId) : undefined,
    });
    edges.push({ from: decision ? decisionId : imageId, to: id });
  }
  return { nodes, edges };
}

interface Point {
  x: number;
  y: number;
}
interface Box extends Partial<Point> {
  width: number;
  height: number;
}

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 46;

/** Placed left to right by dagre; returns the nodes with positions (top-left) and the edges as polylines. */
export function laidOut(graph: { nodes: LineageNode[]; edges: LineageEdge[] }): { nodes: PlacedNode[]; edges: { from: string; to: string; points: { x: number; y: number }[] }[]; width: number; height: number } {
  const g = new Graph<{ rankdir: string; nodesep: number; ranksep: number; marginx: number; marginy: number; width?: number; height?: number }, Box, { points?: Point[] }>();
  g.setGraph({ rankdir: 'LR', nodesep: 12, ranksep: 60, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of graph.edges) g.setEdge(edge.from, edge.to);
  layout(g);
  const label = g.graph();
  return {
    nodes: graph.nodes.map((node) => {
      const placed = g.node(node.id);
      return { ...node, x: (placed.x ?? 0) - NODE_WIDTH / 2, y: (placed.y ?? 0) - NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT };
    }),
    edges: graph.edges.map((edge) => ({ ...edge, points: g.edge(edge.from, edge.to)?.points ?? [] })),
    width: label.width ?? 800,
    height: label.height ?? 600,
  };
}
