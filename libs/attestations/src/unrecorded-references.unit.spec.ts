import { DEFAULT_PIPELINE } from '@provenance/domain';
import { DEMO_IMAGE, demoImageFacts } from './demo-facts.fixture';
import { imageProvenanceStatement } from './image-provenance.statement';
import { imageStatements } from './image-statements';
import { releasePolicyOf } from './release-verdict.statement';
import { statementProblems } from './statement-rules';
import { URIS } from './uris';

type Dependency = { uri: string; digest?: Record<string, string> };
const dependenciesOf = (statement: ReturnType<typeof imageProvenanceStatement>) =>
  (statement!.predicate.buildDefinition as { resolvedDependencies: Dependency[] }).resolvedDependencies;
const unresolvedOf = (statement: ReturnType<typeof imageProvenanceStatement>) =>
  (statement!.predicate.buildDefinition as { internalParameters: { unresolved: unknown[] } }).internalParameters.unresolved;

describe('a statement names only what is on record', () => {
  it('given katcomp\'s build is not recorded, when the image provenance is made, then katcomp is its pinned hash and no commit is named for it', () => {
    const facts = demoImageFacts();
    facts.builds = facts.builds.filter((build) => build.package !== 'katcomp');

    const katcomp = dependenciesOf(imageProvenanceStatement(facts)).filter((d) => d.uri.includes('katcomp'));

    expect(katcomp).toEqual([{ uri: 'pkg:pypi/katcomp@0.7.9', digest: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
  });

  it('given a build whose commit is not recorded, when the image provenance is made, then the commit the build names is listed as unresolved', () => {
    const facts = demoImageFacts();
    facts.builds[0].commitRecorded = false;
    facts.unresolved = [{ kind: 'commit', reference: `${facts.builds[0].repository}@${facts.builds[0].sha}`, neededBy: 'build' }];

    expect(unresolvedOf(imageProvenanceStatement(facts))).toEqual([expect.objectContaining({ kind: 'commit', reference: `${facts.builds[0].repository}@${facts.builds[0].sha}` })]);
  });

  it('given an image with no builder and no pinned set on record, then the builder is the documented "unrecorded" one and both are listed as unresolved', () => {
    const facts = demoImageFacts();
    facts.image!.builderId = null;
    facts.pinnedSet = null;
    facts.builds = [];
    facts.unresolved = [{ kind: 'pinned-set', reference: 'sha256:abc', neededBy: `image ${DEMO_IMAGE}` }];

    const statement = imageProvenanceStatement(facts)!;

    expect(dependenciesOf(statement)).toEqual([]);
    expect(statement.predicate).toMatchObject({ buildDefinition: { externalParameters: { pinnedSet: null } }, runDetails: { builder: { id: URIS.unrecordedBuilder } } });
    expect(unresolvedOf(statement)).toEqual([expect.objectContaining({ kind: 'pinned-set' }), expect.objectContaining({ kind: 'builder' })]);
    expect(statementProblems(statement)).toEqual([]);
  });

  it('given an image that is not on record, then there is no image provenance, and its AQF results and verdicts still name it by digest only', () => {
    const facts = { ...demoImageFacts(), image: null, pinnedSet: null, builds: [] };

    const statements = imageStatements(facts, releasePolicyOf(DEFAULT_PIPELINE), DEMO_IMAGE);

    expect(statements.map((s) => s.predicateType)).toEqual([URIS.testResult, URIS.testResult, URIS.verificationSummary]);
    expect(statements.map((s) => s.subject)).toEqual(Array(3).fill([{ digest: { sha256: DEMO_IMAGE.slice(7) } }]));
  });

  it('given a decision naming an AQF run whose result is not on record, then the verdict lists it as unresolved and rests only on the results that are', () => {
    const facts = demoImageFacts();
    facts.aqfRuns = facts.aqfRuns.slice(0, 1);

    const verdict = imageStatements(facts, releasePolicyOf(DEFAULT_PIPELINE), DEMO_IMAGE).at(-1)!;

    expect((verdict.predicate.inputAttestations as unknown[]).length).toBe(1);
    expect(verdict.predicate.unresolved).toEqual([{ kind: 'aqf-run', reference: 'aqf-2-run-0001', neededBy: 'release-candidate decision 3' }]);
  });

  it('given a build built against a version not on record, then the package build provenance names it by purl only and lists it as unresolved', () => {
    const facts = demoImageFacts();
    facts.builds[0].builtAgainst = [{ package: 'katcore', version: '9.9.9' }];

    const build = imageStatements(facts, releasePolicyOf(DEFAULT_PIPELINE), DEMO_IMAGE)[1];

    expect((build.predicate.buildDefinition as { resolvedDependencies: Dependency[] }).resolvedDependencies.at(-1)).toEqual({ uri: 'pkg:pypi/katcore@9.9.9' });
    expect((build.predicate.buildDefinition as { internalParameters: { unresolved: unknown[] } }).internalParameters.unresolved).toContainEqual(
      expect.objectContaining({ kind: 'package-build', reference: 'katcore==9.9.9' }),
    );
  });
});
