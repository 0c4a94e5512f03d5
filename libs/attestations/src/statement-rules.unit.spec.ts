import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { statementProblems } from './statement-rules';

const FIXTURES = join(__dirname, '../../../test/fixtures/attestations');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const statement = (predicateType: string, predicate: object) => ({ _type: 'https://in-toto.io/Statement/v1', subject: [{ name: '_', digest: { sha256: 'a'.repeat(64) } }], predicateType, predicate });

describe('the in-toto Statement v1 and SLSA provenance v1 field rules', () => {
  it.each(['actions-buildtypes_workflow-v1_example.json', 'buildkite-slsa-buildtypes_job-v1_example.json'])('given the published example %s, then it keeps every rule', (name) => {
    expect(statementProblems(fixture(name))).toEqual([]);
  });

  it('given the Sigstore bundle\'s DSSE payload, then it keeps every rule', () => {
    const bundle = fixture('cli-cli_sigstore-js-2.1.0-bundle.json') as { dsseEnvelope: { payload: string } };

    expect(statementProblems(JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()))).toEqual([]);
  });

  it('given the legacy slsa-verifier envelope\'s payload (Statement v0.1), then its _type is refused', () => {
    const envelope = JSON.parse(readFileSync(join(FIXTURES, 'slsa-verifier_dsse-valid-v1.intoto.jsonl'), 'utf8')) as { payload: string };

    expect(statementProblems(JSON.parse(Buffer.from(envelope.payload, 'base64').toString()))).toContain('_type must be https://in-toto.io/Statement/v1');
  });

  it.each([
    ['no subject', { ...statement('https://example.com/p', {}), subject: [] }, 'subject must be a non-empty list'],
    ['a subject without a digest', { ...statement('https://example.com/p', {}), subject: [{ name: 'x', uri: 'https://example.com/x' }] }, 'subject[0].digest is required'],
    ['a digest that is not hex', { ...statement('https://example.com/p', {}), subject: [{ digest: { sha256: 'XYZ' } }] }, 'subject[0].digest.sha256 must be lowercase hex'],
    ['a predicateType that is not a URI', statement('provenance', {}), 'predicateType must be a URI'],
    ['provenance without a buildType', statement('https://slsa.dev/provenance/v1', { buildDefinition: { externalParameters: {} }, runDetails: { builder: { id: 'https://b' } } }), 'predicate.buildDefinition.buildType must be a URI'],
    ['provenance without runDetails', statement('https://slsa.dev/provenance/v1', { buildDefinition: { buildType: 'https://t', externalParameters: {} } }), 'predicate.runDetails is required'],
    ['provenance with a builder id that is no URI', statement('https://slsa.dev/provenance/v1', { buildDefinition: { buildType: 'https://t', externalParameters: {} }, runDetails: { builder: { id: 'ci' } } }), 'predicate.runDetails.builder.id must be a URI'],
    ['a dependency with neither uri nor digest', statement('https://slsa.dev/provenance/v1', { buildDefinition: { buildType: 'https://t', externalParameters: {}, resolvedDependencies: [{ name: 'x' }] }, runDetails: { builder: { id: 'https://b' } } }), 'predicate.buildDefinition.resolvedDependencies[0] needs one of uri, digest, content'],
    ['a finishedOn that is no timestamp', statement('https://slsa.dev/provenance/v1', { buildDefinition: { buildType: 'https://t', externalParameters: {} }, runDetails: { builder: { id: 'https://b' }, metadata: { finishedOn: 'yesterday' } } }), 'predicate.runDetails.metadata.finishedOn must be an RFC 3339 timestamp'],
    ['a VSA without a result', statement('https://slsa.dev/verification_summary/v1', { verifier: { id: 'https://v' }, resourceUri: 'pkg:generic/x', policy: { uri: 'https://p' }, verifiedLevels: [] }), 'predicate.verificationResult must be PASSED or FAILED'],
    ['a test result of MAYBE', statement('https://in-toto.io/attestation/test-result/v0.1', { result: 'MAYBE', configuration: [] }), 'predicate.result must be PASSED, WARNED or FAILED'],
  ])('given %s, then the rule it breaks is named', (_, value, problem) => {
    expect(statementProblems(value)).toContain(problem);
  });
});
