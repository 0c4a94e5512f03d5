import type { ImageFactsView, RecordedBuild } from '@provenance/projections';
import { ResourceDescriptor, sha256Digest, imageSubject, Statement, statementOf, Unresolved } from './statement';
import { builderUri, gitUri, pypiPurl, URIS } from './uris';

/** A build the image's pinned set resolved to, whose source is one of ours. */
export const inHouse = (build: RecordedBuild | undefined): build is RecordedBuild => build?.outcome === 'passed';

export const buildKey = (name: string, version: string | null) => `${name}==${version ?? ''}`;

/**
 * SLSA provenance of an image: the pinned set baked into it (our build type bake-image/v1), every
 * pinned requirement as a purl with its digest, and for each in-house package its source commit.
 * Null when the image is not on record.
 */
export function imageProvenanceStatement(facts: ImageFactsView): Statement | null {
  if (!facts.image) return null;
  const { image, pinnedSet } = facts;
  const builds = buildsByKey(facts.builds);
  const unresolved: Unresolved[] = facts.unresolved.filter((u) => u.kind !== 'image');
  if (image.builderId === null) unresolved.push({ kind: 'builder', reference: 'builderId', neededBy: `image ${image.digest}` });
  const dependencies = (pinnedSet?.requirements ?? []).flatMap((requirement): ResourceDescriptor[] => {
    const build = builds.get(buildKey(requirement.name, requirement.version));
    const purl = pypiPurl(requirement.name, requirement.version);
    const hashes = requirement.hashes.filter((hash) => hash.startsWith('sha256:')).map((hash) => hash.slice('sha256:'.length));
    const packages: ResourceDescriptor[] = inHouse(build) && build.artifact
      ? [{ uri: purl, digest: { sha256: build.artifact.sha256 }, name: build.artifact.filename }]
      : hashes.length > 0
        ? hashes.map((sha256) => ({ uri: purl, digest: { sha256 } }))
        : [{ uri: purl, ...(requirement.url ? { downloadLocation: requirement.url } : {}) }];
    const source = inHouse(build) ? [{ uri: gitUri(build.repository, build.sha), digest: { gitCommit: build.sha } }] : [];
    return [...packages, ...source];
  });
  const metadata = { ...(image.buildUrl ? { invocationId: image.buildUrl } : {}), finishedOn: image.bakedAt };
  return statementOf([imageSubject(image.digest, image.name)], URIS.slsaProvenance, {
    buildDefinition: {
      buildType: URIS.bakeImage,
      externalParameters: { pinnedSet: pinnedSet ? { id: pinnedSet.id, name: pinnedSet.name } : null },
      internalParameters: { unresolved },
      resolvedDependencies: dependencies,
    },
    runDetails: { builder: { id: builderUri(image.builderId) }, metadata },
  });
}

/** The builds by `package==version`, for looking up what a build was built against. */
export const buildsByKey = (builds: RecordedBuild[]) => new Map(builds.map((one) => [buildKey(one.package, one.version), one]));

/** SLSA provenance of a passed package build that produced an artifact; null for any other. */
export function packageBuildStatement(build: RecordedBuild, byKey: Map<string, RecordedBuild>): Statement | null {
  if (!inHouse(build) || !build.artifact) return null;
  const unresolved: Unresolved[] = [{ kind: 'builder', reference: 'the package build names no builder', neededBy: `build ${build.package} ${build.version}` }];
  if (!build.commitRecorded) unresolved.push({ kind: 'commit', reference: `${build.repository}@${build.sha}`, neededBy: `build ${build.package} ${build.version}` });
  const upstream = build.builtAgainst.map(({ package: name, version }): ResourceDescriptor => {
    const artifact = byKey.get(buildKey(name, version))?.artifact;
    if (!artifact) unresolved.push({ kind: 'package-build', reference: `${name}==${version}`, neededBy: `build ${build.package} ${build.version}` });
    return artifact ? { uri: pypiPurl(name, version), digest: { sha256: artifact.sha256 }, name: artifact.filename } : { uri: pypiPurl(name, version) };
  });
  return statementOf([{ name: build.artifact.filename, digest: sha256Digest(build.artifact.sha256) }], URIS.slsaProvenance, {
    buildDefinition: {
      buildType: URIS.packageBuild,
      externalParameters: { package: build.package, version: build.version, source: gitUri(build.repository, build.sha) },
      internalParameters: { unresolved },
      resolvedDependencies: [{ uri: gitUri(build.repository, build.sha), digest: { gitCommit: build.sha } }, ...upstream],
    },
    runDetails: {
      builder: { id: URIS.unrecordedBuilder },
      metadata: { ...(build.buildUrl ? { invocationId: build.buildUrl } : {}), finishedOn: build.finishedAt },
    },
  });
}
