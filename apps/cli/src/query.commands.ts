import { Command } from 'commander';
import { CliFailure, EXIT } from './exit-codes';
import { short, table } from './table';

export type Get = (path: string) => Promise<unknown>;
export type Print = (body: unknown, human: () => string) => void;

/* The shapes below are the parts of the API's answers the tables show. */
interface Provenance {
  environment: string;
  deployment: { deploymentId: string; startedAt: string; outcome: string | null; nodes: string[]; by: string; recordedBy?: string | null } | null;
  image: { digest: string; name: string | null } | null;
  pinnedSet: { id: string; name: string | null } | null;
  packages: { name: string; version: string | null; build: { outcome: string } | null; source: { repository: string; sha: string; author: string; committedAt: string } | null }[];
  verification: { releaseCandidate: boolean; decidedBy: string | null; aqfRuns: { environment: string; runId: string; outcome: string }[] };
  patches: { patchId: string; package: string; fromVersion: string; toVersion: string; appliedAt: string; by?: string; recordedBy?: string | null }[];
  drift: boolean;
  running: { name: string; version: string | null; nodes: string[] }[];
  configRevision: { repository: string; sha: string } | null;
  policyViolations: string[];
  unresolved: { kind: string; reference: string; neededBy: string }[];
}

type HistoryEntry = { kind: string; at: string; by?: string; recordedBy?: string | null } & Record<string, unknown>;

/** Who a fact says did it and, when another caller recorded it, that caller too: an agent cannot pass as someone else. */
export function byWhom(by: string | undefined, recordedBy: string | null | undefined): string | undefined {
  if (by === undefined) return recordedBy ?? undefined;
  return recordedBy && recordedBy !== by ? `${by} (recorded by ${recordedBy})` : by;
}

export function describeProvenance(view: Provenance): string {
  if (!view.deployment) return `${view.environment}: nothing deployed`;
  const d = view.deployment;
  const lines = [
    `${view.environment}: ${view.image?.name ?? '(image not recorded)'} ${view.image?.digest ?? ''}`,
    `  deployed ${d.startedAt} by ${byWhom(d.by, d.recordedBy)} to ${d.nodes.join(', ')} (deployment ${d.deploymentId}${d.outcome ? `, ${d.outcome}` : ''})`,
    `  pinned set ${view.pinnedSet?.name ?? '(not recorded)'} ${view.pinnedSet?.id ?? ''}`,
    `  release candidate: ${view.verification.releaseCandidate ? `yes (decided by ${view.verification.decidedBy})` : 'no'}` +
      (view.verification.aqfRuns.length ? `; AQF ${view.verification.aqfRuns.map((r) => `${r.environment} ${r.runId} ${r.outcome}`).join(', ')}` : ''),
  ];
  if (view.configRevision) lines.push(`  configuration ${view.configRevision.repository} @ ${view.configRevision.sha.slice(0, 12)}`);
  // Once patched, a package may run other versions than the image's, on some nodes only.
  const runningNow = (name: string, inImage: string | null) => {
    const versions = view.running.filter((entry) => entry.name === name);
    if (versions.length === 1 && versions[0].version === inImage) return 'as in image';
    return versions.map((entry) => `${entry.version ?? '?'} on ${entry.nodes.join(', ')}`).join('; ');
  };
  const drifted = view.drift ? ['running now'] : [];
  lines.push('', table(
    ['package', 'version', ...drifted, 'build', 'source repository', 'commit', 'author', 'committed'],
    view.packages.map((p) => [
      p.name, p.version, ...(view.drift ? [runningNow(p.name, p.version)] : []), p.build?.outcome ?? 'no build recorded',
      p.source?.repository, p.source?.sha.slice(0, 12), p.source?.author, p.source?.committedAt,
    ]),
  ));
  if (view.drift) {
    lines.push('', 'drift: patched since the deployment');
    for (const p of view.patches) {
      const who = byWhom(p.by, p.recordedBy);
      lines.push(`  ${p.appliedAt}  ${p.patchId}  ${p.package} ${p.fromVersion} -> ${p.toVersion}${who ? `  by ${who}` : ''}`);
    }
  }
  for (const violation of view.policyViolations) lines.push(`POLICY VIOLATION: ${violation}`);
  for (const u of view.unresolved) lines.push(`unresolved: ${u.kind} ${u.reference} (needed by ${u.neededBy})`);
  return lines.join('\n');
}

export function describeHistory(history: HistoryEntry[]): string {
  return table(
    ['when', 'what', 'detail', 'by'],
    history.map((h) => [
      h.at,
      h.kind,
      h.kind === 'deployment' ? `${String(h.deploymentId)}: ${short(h.imageDigest as string)} ${typeof h.outcome === 'string' ? h.outcome : ''}` : h.kind === 'patch' ? `${String(h.patchId)}: ${String(h.package)} ${String(h.fromVersion)} -> ${String(h.toVersion)}` : `${String(h.repository)} @ ${String(h.sha).slice(0, 12)}`,
      byWhom(h.by, h.recordedBy),
    ]),
  );
}

/** The audit queries: readable tables by default, the API's JSON with --json. */
export function queryCommands(get: Get, print: Print): Command[] {
  const running = new Command('running')
    .description('which source produced what is running in an environment (or all environments)')
    .option('--env <environment>', 'one environment; all of them when omitted')
    .option('--at <time>', 'what ran at this time (RFC 3339)')
    .option('--known-at <time>', 'as the log knew it at this time (RFC 3339)')
    .action(async (o: { env?: string; at?: string; knownAt?: string }) => {
      if (!o.env) {
        if (o.at || o.knownAt) throw new CliFailure(EXIT.usage, '--at and --known-at need --env: time travel is per environment');
        const body = (await get('api/v1/environments')) as { environments: { environment: string; image: { digest: string; name: string | null } | null; since: string | null; releaseCandidate: boolean; drift: boolean; policyViolations: string[] }[] };
        print(body, () =>
          table(
            ['environment', 'image', 'digest', 'since', 'candidate', 'drift', 'policy'],
            body.environments.map((e) => [e.environment, e.image?.name, short(e.image?.digest), e.since, e.releaseCandidate ? 'yes' : 'no', e.drift ? 'DRIFTED' : 'no', e.policyViolations.length ? 'VIOLATED' : 'ok']),
          ),
        );
        return;
      }
      const query = new URLSearchParams();
      if (o.at) query.set('at', o.at);
      if (o.knownAt) query.set('knownAt', o.knownAt);
      const body = (await get(`api/v1/environments/${encodeURIComponent(o.env)}/provenance${query.size ? `?${query.toString()}` : ''}`)) as Provenance;
      print(body, () => describeProvenance(body));
    });

  const lineage = new Command('lineage')
    .description('backwards from an image: pinned set, builds, commits, AQF runs, decisions')
    .argument('<digest>', 'an image digest (sha256:...), or its first 7 or more hex digits as the tables print it')
    .action(async (digest: string) => {
      const body = (await get(`api/v1/images/${encodeURIComponent(digest)}/lineage`)) as { image: { digest: string; name: string | null }; pinnedSet: { id: string; name: string | null } | null; releaseCandidate: boolean; packages: Provenance['packages']; aqfRuns: { runId: string; environment: string; outcome: string | null }[]; unresolved: { kind: string; reference: string; neededBy: string }[] };
      print(body, () =>
        [
          `${body.image.name ?? '(image not recorded)'} ${body.image.digest}: pinned set ${body.pinnedSet?.name ?? '-'} ${body.pinnedSet?.id ?? ''}; release candidate: ${body.releaseCandidate ? 'yes' : 'no'}`,
          `AQF: ${body.aqfRuns.map((r) => `${r.environment} ${r.runId} ${r.outcome ?? 'running'}`).join(', ') || 'none'}`,
          '',
          table(['package', 'version', 'build', 'commit', 'author'], body.packages.map((p) => [p.name, p.version, p.build?.outcome, p.source?.sha.slice(0, 12), p.source?.author])),
          ...body.unresolved.map((u) => `unresolved: ${u.kind} ${u.reference} (needed by ${u.neededBy})`),
        ].join('\n'),
      );
    });

  const impact = new Command('impact')
    .description('forwards from a commit: builds, pinned sets, images, and where it runs or ran')
    .argument('<repository>', 'the repository as recorded, or its last path segment when that is unique (katcomp)')
    .argument('<sha>', 'the commit, or its first 7 or more hex digits')
    .action(async (repository: string, sha: string) => {
      const body = (await get(`api/v1/commits/${encodeURIComponent(repository)}/${encodeURIComponent(sha)}/impact`)) as { builds: { package: string; version: string }[]; images: { digest: string; name: string; releaseCandidate: boolean | null }[]; environments: { environment: string; via: string; imageDigest: string | null; patchId: string | null; from: string; until: string | null }[] };
      print(body, () =>
        [
          `builds: ${body.builds.map((b) => `${b.package} ${b.version}`).join(', ') || 'none'}`,
          `images: ${body.images.map((i) => `${i.name} (${short(i.digest)}${i.releaseCandidate ? ', candidate' : ''})`).join(', ') || 'none'}`,
          '',
          table(['environment', 'via', 'image or patch', 'from', 'until'], body.environments.map((e) => [e.environment, e.via, short(e.imageDigest) ?? e.patchId, e.from, e.until ?? 'now'])),
        ].join('\n'),
      );
    });

  const diff = new Command('diff')
    .description('packages added, removed and changed between two images, with commit ranges')
    .argument('<from>', 'the older image: its digest, or its first 7 or more hex digits')
    .argument('<to>', 'the newer image: its digest, or its first 7 or more hex digits')
    .action(async (from: string, to: string) => {
      const body = (await get(`api/v1/diff?${new URLSearchParams({ from, to }).toString()}`)) as { added: { name: string; version: string | null }[]; removed: { name: string; version: string | null }[]; changed: { name: string; fromVersion: string | null; toVersion: string | null; commits: unknown[] }[]; unresolved: string[] };
      print(body, () =>
        table(
          ['change', 'package', 'from', 'to', 'commits'],
          [
            ...body.added.map((p) => ['added', p.name, null, p.version, null]),
            ...body.removed.map((p) => ['removed', p.name, p.version, null, null]),
            ...body.changed.map((p) => ['changed', p.name, p.fromVersion, p.toVersion, p.commits.length]),
          ],
        ) + body.unresolved.map((problem) => `\nunresolved: ${problem}`).join(''),
      );
    });

  const history = new Command('history')
    .description('deployments, patches and configuration changes of an environment, in order: the newest 100, or --limit')
    .requiredOption('--env <environment>')
    .option('--limit <n>', 'the newest this many entries (1-1000; default 100)')
    .option('--before <time>', 'only entries before this time (RFC 3339): the "earlier" a page ends with, to go back')
    .action(async (o: { env: string; limit?: string; before?: string }) => {
      const query = new URLSearchParams({ ...(o.limit ? { limit: o.limit } : {}), ...(o.before ? { before: o.before } : {}) }).toString();
      const body = (await get(`api/v1/environments/${encodeURIComponent(o.env)}/history${query ? `?${query}` : ''}`)) as { history: HistoryEntry[]; earlier: string | null };
      print(body, () => describeHistory(body.history) + (body.earlier ? `\nearlier entries: provenance history --env ${o.env} --before ${body.earlier}` : ''));
    });

  return [running, lineage, impact, diff, history];
}
