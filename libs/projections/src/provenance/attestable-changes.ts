import type { AqfRunCompleted, CommitRecorded, ImageBaked, PackageBuildRecorded, PinnedSetRecorded, ReleaseCandidatePromoted } from '@provenance/domain';

/** The facts a stretch of the log added that signed statements rest on (see imageStatements). */
export interface AttestableChanges {
  /** Images whose own facts changed: baked, an AQF run completed, a release-candidate decision. */
  images: string[];
  /** Pinned sets recorded, for images that named them before they were on record. */
  pinnedSets: string[];
  /** Package builds recorded, `{ package, version }`. */
  builds: { package: string; version: string }[];
  /** Commits recorded, which resolve a build's source. */
  commits: { repository: string; sha: string }[];
}

type Data<E extends { data: unknown }> = E['data'];

/**
 * What these events change among the facts statements are made of, each fact once, in the
 * order first seen. Pure; any other event (stage requests, deployments, AQF starts, the
 * outcome an image notes of a run already counted by AqfRunCompleted) changes none.
 */
export function attestableChangesOf(events: { type: string; data: unknown }[]): AttestableChanges {
  const images = new Set<string>();
  const pinnedSets = new Set<string>();
  const builds = new Map<string, AttestableChanges['builds'][number]>();
  const commits = new Map<string, AttestableChanges['commits'][number]>();
  for (const { type, data } of events) {
    switch (type) {
      case 'ImageBaked':
        images.add((data as Data<ImageBaked>).digest);
        break;
      case 'AqfRunCompleted':
        images.add((data as Data<AqfRunCompleted>).imageDigest);
        break;
      case 'ReleaseCandidatePromoted':
      case 'ReleaseCandidateRejected':
        images.add((data as Data<ReleaseCandidatePromoted>).imageDigest);
        break;
      case 'PinnedSetRecorded':
        pinnedSets.add((data as Data<PinnedSetRecorded>).id);
        break;
      case 'PackageBuildRecorded': {
        const { package: name, version } = data as Data<PackageBuildRecorded>;
        builds.set(`${name}==${version}`, { package: name, version });
        break;
      }
      case 'CommitRecorded': {
        const { repository, sha } = data as Data<CommitRecorded>;
        commits.set(`${repository}@${sha}`, { repository, sha });
        break;
      }
    }
  }
  return { images: [...images], pinnedSets: [...pinnedSets], builds: [...builds.values()], commits: [...commits.values()] };
}

export const nothingAttestable = (changes: AttestableChanges): boolean =>
  changes.images.length + changes.pinnedSets.length + changes.builds.length + changes.commits.length === 0;
