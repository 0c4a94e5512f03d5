import type { ImageFactsView } from '@provenance/projections';
import { aqfResultStatement } from './aqf-result.statement';
import { buildKey, buildsByKey, imageProvenanceStatement, packageBuildStatement } from './image-provenance.statement';
import { ReleasePolicy, releaseVerdictStatement } from './release-verdict.statement';
import { LogReference, withLogReference } from './log-reference';
import type { Statement } from './statement';

/**
 * Every statement about one image, in a fixed order: its provenance, the provenance of each
 * in-house package build in it, its AQF results, its release verdicts. Pure: the same facts
 * always give the same statements. Each names the log's checkpoint, when given, before any
 * other statement takes its digest.
 */
export function imageStatements(facts: ImageFactsView, policy: ReleasePolicy, digest: string, log?: LogReference): Statement[] {
  const mark = (statement: Statement) => withLogReference(statement, log);
  const made = imageProvenanceStatement(facts);
  const image = made && mark(made);
  const inSet = new Set((facts.pinnedSet?.requirements ?? []).map((r) => buildKey(r.name, r.version)));
  const byKey = buildsByKey(facts.builds);
  const builds = facts.builds
    .filter((build) => inSet.has(buildKey(build.package, build.version)))
    .map((build) => packageBuildStatement(build, byKey))
    .filter((statement): statement is Statement => statement !== null)
    .map(mark);
  const name = facts.image?.name ?? null;
  const results = new Map(facts.aqfRuns.map((run) => [run.runId, mark(aqfResultStatement(run, name))]));
  const verdicts = facts.decisions.map((decision) => mark(releaseVerdictStatement(decision, { digest, name }, results, policy)));
  return [...(image ? [image] : []), ...builds, ...results.values(), ...verdicts];
}
