import { existsSync } from 'fs';
import { resolve } from 'path';
import { CdEventMappingError } from './cdevent-mapping.error';
import { CDEVENTS_CONTENT_TYPE, factsFromCdEvent } from './cdevents-to-facts';
import { CDEVENTS_FIXTURES, CdEventJson, completeFixtures, extensions, fixture, sample, withContent, withCustomData, withSubjectId } from './cdevents.fixture';
import { FactMessage, FactOf, factProblems } from '@provenance/facts';

const mapped = (event: CdEventJson): FactMessage[] => factsFromCdEvent(event, CDEVENTS_CONTENT_TYPE);

/** The `incomplete` error mapping the event raises, for asserting its problems one by one. */
function refusal(event: CdEventJson): CdEventMappingError {
  try {
    mapped(event);
  } catch (error) {
    if (error instanceof CdEventMappingError) return error;
    throw error;
  }
  throw new Error(`${String(event.context.type)} mapped although it should have been refused`);
}

/** Each message's problems with the fact schema, as `<type>: <problem>`. */
const schemaProblems = (facts: FactMessage[]) => facts.flatMap((fact) => factProblems(fact).map((problem) => `${fact.type}: ${problem}`));

/** Maps the event and checks the fact schema takes every message, so the facts can be recorded as they are. */
function acceptedFacts(event: CdEventJson): FactMessage[] {
  const facts = mapped(event);
  expect(schemaProblems(facts)).toEqual([]);
  return facts;
}

describe('factsFromCdEvent, with the CDEvents v0.5.1 conformance fixtures', () => {
  it('given the shared fixtures folder, when it is resolved from this spec, then it holds the CDEvents fixtures', () => {
    expect(existsSync(resolve(CDEVENTS_FIXTURES, 'MANIFEST.md'))).toBe(true);
  });

  describe('change.merged → commit', () => {
    it('given change_merged.json, when it is mapped, then it is refused naming each commit field CDEvents lacks', () => {
      const error = refusal(fixture('change_merged.json'));
      expect(error.kind).toBe('incomplete');
      expect(error.problems).toEqual([
        'customData.sha is required for change.merged: the full git sha of the commit the merge made',
        "customData.parents is required for change.merged: the full git shas of that commit's parents",
        "customData.author is required for change.merged: the commit's author, e.g. Thandi Nkosi <tnkosi@ska.ac.za>",
        "customData.message is required for change.merged: the commit's message",
      ]);
    });

    it('given change_merged.json with the commit in customData, when it is mapped, then it is the merged commit at the event time', () => {
      expect(acceptedFacts(completeFixtures['change_merged.json']())).toEqual([
        { type: 'commit', repository: 'TestRepo/TestOrg', ...extensions.commit, committedAt: sample.fixtureTime },
      ]);
    });
  });

  describe('build.finished → package build', () => {
    it('given build_finished.json, when it is mapped, then it is refused: its artifact is an OCI image, and the source commit is missing', () => {
      expect(refusal(fixture('build_finished.json')).problems).toEqual([
        expect.stringMatching(/^subject\.content\.artifactId must be a pypi purl for build\.finished .*, got "pkg:oci\/myapp@sha256%3A0b31/),
        'customData.repository is required for build.finished: the repository the package was built from, e.g. ska-sa/katcomp',
        'customData.sha is required for build.finished: the full git sha the package was built from',
      ]);
    });

    it('given build_finished.json with a pypi artifact and the source in customData, when it is mapped, then it is a passed build of that file', () => {
      const event = withCustomData(completeFixtures['build_finished.json'](), {
        buildUrl: 'https://jenkins.camlab.kat.ac.za/job/katcomp/37/',
        builtAgainst: [{ package: 'katcp', version: '0.9.3' }],
        requestId: 'req-2026-11-25-0001',
      });
      expect(acceptedFacts(event)).toEqual([
        {
          type: 'build',
          package: 'katcomp',
          version: '1.4.2.dev37+g0a1b2c3',
          ...extensions.build,
          outcome: 'passed',
          artifact: { filename: 'katcomp-1.4.2.dev37+g0a1b2c3-py3-none-any.whl', sha256: sample.imageHex },
          buildUrl: 'https://jenkins.camlab.kat.ac.za/job/katcomp/37/',
          builtAgainst: [{ package: 'katcp', version: '0.9.3' }],
          finishedAt: sample.fixtureTime,
          requestId: 'req-2026-11-25-0001',
        },
      ]);
    });

    it('given a build.finished marked failed naming only the package version, when it is mapped, then it is a failed build without artifact', () => {
      const event = withCustomData(withContent(fixture('build_finished.json'), { artifactId: 'pkg:pypi/katcomp@1.4.2' }), { ...extensions.build, outcome: 'failed' });
      expect(acceptedFacts(event)).toEqual([
        { type: 'build', package: 'katcomp', version: '1.4.2', ...extensions.build, outcome: 'failed', finishedAt: sample.fixtureTime },
      ]);
    });

    it('given a build.finished that passed without the built file, when it is mapped, then it is refused asking for file_name and checksum', () => {
      const event = withCustomData(withContent(fixture('build_finished.json'), { artifactId: 'pkg:pypi/katcomp@1.4.2' }), extensions.build);
      expect(refusal(event).message).toMatch(/^subject\.content\.artifactId must carry the qualifiers file_name and checksum=sha256:<64 hex digits> for a passed build\.finished/);
    });
  });

  describe('artifact.packaged / artifact.published → image', () => {
    it('given artifact_packaged.json, when it is mapped, then it is refused: its golang purl pins no image digest, and the pinned set is missing', () => {
      expect(refusal(fixture('artifact_packaged.json')).problems).toEqual([
        expect.stringMatching(/^subject\.id must be a purl that pins the image's sha256 for artifact\.packaged .*, got "pkg:golang\/mygit\.com\/myorg\/myapp@234fd47e07d1004f0aed9c"$/),
        'customData.pinnedSetId is required for artifact.packaged: the id of the pinned set the image was baked from, as sha256:<64 hex digits>',
      ]);
    });

    it('given artifact_packaged.json for a baked file with its pinned set, when it is mapped, then it is the image baked at the event time', () => {
      const event = withCustomData(completeFixtures['artifact_packaged.json'](), { builderId: 'kat-imagebuilder-02' });
      expect(acceptedFacts(event)).toEqual([
        {
          type: 'image',
          digest: `sha256:${sample.imageHex}`,
          name: 'autobuild-2026-11-25.tar.gz',
          pinnedSetId: sample.pinnedSetId,
          builderId: 'kat-imagebuilder-02',
          bakedAt: sample.fixtureTime,
        },
      ]);
    });

    it("given artifact_packaged.json for the spec's OCI image, when it is mapped, then the digest and name come from the purl", () => {
      const event = withCustomData(withSubjectId(fixture('artifact_packaged.json'), `pkg:oci/myapp@sha256%3A${sample.fixtureOciHex}`), { pinnedSetId: sample.pinnedSetId });
      expect(acceptedFacts(event)).toEqual([
        { type: 'image', digest: `sha256:${sample.fixtureOciHex}`, name: 'myapp', pinnedSetId: sample.pinnedSetId, bakedAt: sample.fixtureTime },
      ]);
    });

    it('given artifact_published.json, when it is mapped, then it is refused: no image digest, and neither the bake time nor the pinned set', () => {
      expect(refusal(fixture('artifact_published.json')).problems).toEqual([
        expect.stringMatching(/^subject\.id must be a purl that pins the image's sha256 for artifact\.published /),
        'customData.bakedAt is required for artifact.published: when the image was baked, e.g. 2026-11-25T03:15:00Z',
        'customData.pinnedSetId is required for artifact.published: the id of the pinned set the image was baked from, as sha256:<64 hex digits>',
      ]);
    });

    it('given artifact_published.json with its bake time and pinned set, when it is mapped, then it is the image baked then, not when published', () => {
      expect(acceptedFacts(completeFixtures['artifact_published.json']())).toEqual([
        { type: 'image', digest: `sha256:${sample.imageHex}`, name: 'autobuild-2026-11-25.tar.gz', pinnedSetId: sample.pinnedSetId, bakedAt: '2023-03-20T03:15:00Z' },
      ]);
    });

    it('given one image packaged and later published, when both are mapped, then they state the same image fact, so the second is a repeat', () => {
      const packaged = completeFixtures['artifact_packaged.json']();
      const published = withCustomData(completeFixtures['artifact_published.json'](), { bakedAt: sample.fixtureTime });
      expect(mapped({ ...published, context: { ...published.context, timestamp: '2023-03-21T08:00:00Z' } })).toEqual(mapped(packaged));
    });
  });

  describe('testsuiterun.finished → AQF run start and result', () => {
    it('given testsuiterun_finished.json, when it is mapped, then it is refused naming the image, start and test counts it lacks', () => {
      const error = refusal(fixture('testsuiterun_finished.json'));
      expect(error.problems).toEqual([
        'customData.imageDigest is required for testsuiterun.finished: the image the AQF run verified, as sha256:<64 hex digits>',
        'customData.startedAt is required for testsuiterun.finished: when the AQF run started, e.g. 2026-11-25T04:00:00Z',
        'customData.passed is required for testsuiterun.finished: how many tests passed',
        'customData.failed is required for testsuiterun.finished: how many tests failed',
        'customData.skipped is required for testsuiterun.finished: how many tests were skipped',
      ]);
      expect(error.cdEventId).toBe(sample.fixtureId);
    });

    it('given testsuiterun_finished.json with the extension fields, when it is mapped, then the run is started and then failed, under the suite run id', () => {
      const event = withCustomData(completeFixtures['testsuiterun_finished.json'](), { reportUrl: 'https://aqf.camlab.kat.ac.za/runs/myTestSuiteRun123/' });
      expect(acceptedFacts(event)).toEqual([
        { type: 'aqf-run', runId: 'myTestSuiteRun123', imageDigest: `sha256:${sample.imageHex}`, environment: 'dev', startedAt: '2023-03-20T13:57:05Z' },
        {
          type: 'aqf-result',
          runId: 'myTestSuiteRun123',
          outcome: 'failed',
          passed: 212,
          failed: 3,
          skipped: 5,
          reportUrl: 'https://aqf.camlab.kat.ac.za/runs/myTestSuiteRun123/',
          completedAt: sample.fixtureTime,
        },
      ]);
    });

    it.each([
      ['success', 'passed'],
      ['failure', 'failed'],
      ['error', 'error'],
      ['cancel', 'error'],
    ])('given a test suite run that ended in %s, when it is mapped, then the AQF outcome is %s', (outcome, expected) => {
      const event = withContent(completeFixtures['testsuiterun_finished.json'](), { outcome });
      expect(acceptedFacts(event)[1]).toMatchObject({ type: 'aqf-result', outcome: expected });
    });

    it('given test counts that are text, when the run is mapped, then it is refused saying they must be whole numbers', () => {
      const event = withCustomData(completeFixtures['testsuiterun_finished.json'](), { passed: '212' });
      expect(refusal(event).problems).toEqual(['customData.passed must be a whole number for testsuiterun.finished (how many tests passed), got "212"']);
    });

    // Found by cdevents-to-facts.property.unit.spec.ts (seed -1440723699): JSON.parse reads -0, and the fact carried it.
    it('given a test count of -0, when the run is mapped, then the fact says 0', () => {
      const event = JSON.parse(JSON.stringify(withCustomData(completeFixtures['testsuiterun_finished.json'](), { passed: 0 })).replace('"passed":0', '"passed":-0'));
      expect(Object.is(event.customData.passed, -0)).toBe(true);
      expect(Object.is((acceptedFacts(event)[1] as FactOf<'aqf-result'>).passed, 0)).toBe(true);
    });

    // Found by cdevents-to-facts.property.unit.spec.ts: quoting a value nested thousands deep threw RangeError from JSON.stringify.
    it('given a test count that is an array nested 20,000 deep, when the run is mapped, then it is refused without quoting it', () => {
      const event = withCustomData(completeFixtures['testsuiterun_finished.json'](), { passed: JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) });
      expect(refusal(event).problems).toEqual(['customData.passed must be a whole number for testsuiterun.finished (how many tests passed), got an array nested too deep to show']);
    });

    // Found by cdevents-to-facts.property.unit.spec.ts: `'toString' in AQF_OUTCOME` was true, so the result's outcome was a function.
    it.each(['toString', 'constructor', '__proto__'])('given a test suite run whose outcome is %s, when it is mapped, then it is refused, not mapped to an inherited property', (outcome) => {
      const event = withContent(completeFixtures['testsuiterun_finished.json'](), { outcome });
      expect(refusal(event).problems).toEqual([
        `subject.content.outcome must be one of success, failure, error, cancel for testsuiterun.finished (how the test suite run ended), got "${outcome}"`,
      ]);
    });
  });

  describe.each(['service_deployed.json', 'service_upgraded.json', 'service_rolledback.json'])('%s → deployment and its result', (file) => {
    const eventName = `service.${file.slice('service_'.length, -'.json'.length)}`;

    it(`given ${file}, when it is mapped, then it is refused naming the nodes CDEvents does not carry`, () => {
      expect(refusal(fixture(file)).problems).toEqual([
        `customData.nodes is required for ${eventName}: the nodes the image was deployed to, at least one, e.g. ["m000", "m001"]`,
      ]);
    });

    it(`given ${file} with its nodes, when it is mapped, then the deployment of the artifact's digest starts and succeeds at the event time`, () => {
      expect(acceptedFacts(completeFixtures[file]())).toEqual([
        {
          type: 'deployment',
          deploymentId: sample.fixtureId,
          environment: 'test123',
          imageDigest: `sha256:${sample.fixtureOciHex}`,
          nodes: ['m000', 'm001'],
          startedAt: sample.fixtureTime,
        },
        { type: 'deployment-result', deploymentId: sample.fixtureId, outcome: 'succeeded', finishedAt: sample.fixtureTime },
      ]);
    });
  });

  it("given a service.deployed naming the deploy tool's id, start, config and deployer, when it is mapped, then those are used", () => {
    const configRevision = { repository: 'ska-sa/katconfig', sha: sample.sha };
    const event = withCustomData(completeFixtures['service_deployed.json'](), {
      deploymentId: 'deploy-2026-11-26-site-01',
      startedAt: '2023-03-20T14:20:00Z',
      configRevision,
      by: 'cam-deployer',
    });
    expect(acceptedFacts(event)).toEqual([
      {
        type: 'deployment',
        deploymentId: 'deploy-2026-11-26-site-01',
        environment: 'test123',
        imageDigest: `sha256:${sample.fixtureOciHex}`,
        nodes: ['m000', 'm001'],
        configRevision,
        startedAt: '2023-03-20T14:20:00Z',
        by: 'cam-deployer',
      },
      { type: 'deployment-result', deploymentId: 'deploy-2026-11-26-site-01', outcome: 'succeeded', finishedAt: sample.fixtureTime },
    ]);
  });

  it('given a mapped commit whose sha is not a full git sha, when the fact schema checks it, then it is refused naming the field', () => {
    const facts = mapped(withCustomData(fixture('change_merged.json'), { ...extensions.commit, sha: 'abc123' }));
    expect(schemaProblems(facts)).toEqual(['commit: sha must be a full git sha (40 or 64 lowercase hex digits)']);
  });
});
