import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';

/** The CDEvents v0.5.1 conformance events shared by the team's services (see its MANIFEST.md). */
export const CDEVENTS_FIXTURES = resolve(__dirname, '../../../../../shared/fixtures/cdevents');

type Json = Record<string, unknown>;
export type CdEventJson = { context: Json; subject: Json & { content: Json }; customData?: Json };

/** A conformance event, parsed afresh so a test may change its copy. */
export function fixture(name: string): CdEventJson {
  const file = resolve(CDEVENTS_FIXTURES, name);
  if (!existsSync(file)) throw new Error(`CDEvents fixture ${file} is missing: the shared fixtures are expected at ${CDEVENTS_FIXTURES}`);
  return JSON.parse(readFileSync(file, 'utf8')) as CdEventJson;
}

/** The event with our extension fields in `customData` (CDEvents' place for consumer-specific data). */
export const withCustomData = (event: CdEventJson, customData: Json): CdEventJson => ({ ...event, customData: { ...event.customData, ...customData } });

export const withSubjectId = (event: CdEventJson, id: string): CdEventJson => ({ ...event, subject: { ...event.subject, id } });

export const withContent = (event: CdEventJson, content: Json): CdEventJson => ({
  ...event,
  subject: { ...event.subject, content: { ...event.subject.content, ...content } },
});

export const withContext = (event: CdEventJson, context: Json): CdEventJson => ({ ...event, context: { ...event.context, ...context } });

/** The event as a CloudEvents 1.0 structured-mode envelope, its attributes as the CDEvents binding sets them. */
export function inEnvelope(event: CdEventJson, attributes: Json = {}): Json {
  return {
    specversion: '1.0',
    id: event.context.id,
    source: event.context.source,
    type: event.context.type,
    subject: event.subject.id,
    time: event.context.timestamp,
    datacontenttype: 'application/cdevents+json',
    data: event,
    ...attributes,
  };
}

/** Synthetic values in the team's formats, for the extension fields the fixtures lack. */
export const sample = {
  sha: '3f9c2a1e5b7d4c8f0a6e2b9d1c3f5a7e9b0d2c4f',
  parentShas: ['8e1d0c2b4a6f8e0d2c4b6a8f0e2d4c6b8a0f2e4d', '5b2c9e7a1d3f5b7c9e1a3d5f7b9c1e3a5d7f9b1c'],
  imageHex: '4c1f8e2a9b3d7c5e0f6a2b8d4c1e9f3a7b5d0c2e8f4a6b1d3c9e7f5a0b2d4c6e',
  pinnedSetId: 'sha256:7a9c1e3f5b7d9a1c3e5f7b9d1a3c5e7f9b1d3a5c7e9f1b3d5a7c9e1f3b5d7a9c',
  /** The digest in the fixtures' own `pkg:oci/myapp@sha256%3A0b31...` artifact ids. */
  fixtureOciHex: '0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427',
  /** `context.timestamp` of every fixture. */
  fixtureTime: '2023-03-20T14:27:05.315384Z',
  /** `context.id` of every fixture. */
  fixtureId: '271069a8-fc18-44f1-b38f-9d70a1695819',
};

/** The extension fields (in `customData`) that complete each fixture, in the team's formats. */
export const extensions = {
  commit: {
    sha: sample.sha,
    parents: sample.parentShas,
    branch: 'master',
    author: 'Thandi Nkosi <tnkosi@ska.ac.za>',
    message: 'Merge pull request #123: retry the CAM proxy connection on timeout',
  },
  build: { repository: 'ska-sa/katcomp', sha: sample.sha },
  image: { pinnedSetId: sample.pinnedSetId },
  aqfRun: { imageDigest: `sha256:${sample.imageHex}`, startedAt: '2023-03-20T13:57:05Z', passed: 212, failed: 3, skipped: 5 },
  deployment: { nodes: ['m000', 'm001'] },
};

/** Artifact ids in the forms the mapping reads, for fixtures whose own artifact is not of that kind. */
export const artifactIds = {
  /** A built wheel: package, version, file name and checksum. */
  wheel: `pkg:pypi/katcomp@1.4.2.dev37%2Bg0a1b2c3?file_name=katcomp-1.4.2.dev37%2Bg0a1b2c3-py3-none-any.whl&checksum=sha256:${sample.imageHex}`,
  /** A baked image file. */
  image: `pkg:generic/autobuild-2026-11-25.tar.gz?checksum=sha256:${sample.imageHex}`,
};

/** Each mapped fixture made complete: the documented extension fields added, and our artifact id where the fixture's is not one. */
export const completeFixtures: Record<string, () => CdEventJson> = {
  'change_merged.json': () => withCustomData(fixture('change_merged.json'), extensions.commit),
  'build_finished.json': () => withCustomData(withContent(fixture('build_finished.json'), { artifactId: artifactIds.wheel }), extensions.build),
  'artifact_packaged.json': () => withCustomData(withSubjectId(fixture('artifact_packaged.json'), artifactIds.image), extensions.image),
  'artifact_published.json': () =>
    withCustomData(withSubjectId(fixture('artifact_published.json'), artifactIds.image), { ...extensions.image, bakedAt: '2023-03-20T03:15:00Z' }),
  'testsuiterun_finished.json': () => withCustomData(fixture('testsuiterun_finished.json'), extensions.aqfRun),
  'service_deployed.json': () => withCustomData(fixture('service_deployed.json'), extensions.deployment),
  'service_upgraded.json': () => withCustomData(fixture('service_upgraded.json'), extensions.deployment),
  'service_rolledback.json': () => withCustomData(fixture('service_rolledback.json'), extensions.deployment),
};
