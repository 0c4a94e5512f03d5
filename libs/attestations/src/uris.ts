/**
 * The type URIs this project defines. Each is documented in docs/attestations.md, as GitHub
 * documents its build types; a new meaning gets a new version, never a changed document.
 */
export const OURS = 'https://camlab.kat.ac.za/release-provenance';

export const URIS = {
  statement: 'https://in-toto.io/Statement/v1',
  slsaProvenance: 'https://slsa.dev/provenance/v1',
  testResult: 'https://in-toto.io/attestation/test-result/v0.1',
  verificationSummary: 'https://slsa.dev/verification_summary/v1',
  /** Bake a pinned set into an image. */
  bakeImage: `${OURS}/buildtypes/bake-image/v1`,
  /** Build one package version from one commit. */
  packageBuild: `${OURS}/buildtypes/package-build/v1`,
  /** What runs in an environment at a moment, as the log knew it at a moment. */
  runsWhere: `${OURS}/predicates/runs-where/v1`,
  /** The release-candidate rule: the latest AQF run in every verification environment passed. */
  releaseCandidatePolicy: `${OURS}/policies/release-candidate/v1`,
  /** This service, as the verifier of release verdicts. */
  verifier: `${OURS}/verifier`,
  /** builder.id where a fact names no builder: SLSA requires one, we do not invent one. */
  unrecordedBuilder: `${OURS}/builders/unrecorded`,
} as const;

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** A builder as recorded: kept when it is a URI already, else named under ours (`ci.build-candidate`). */
export function builderUri(builderId: string | null): string {
  if (builderId === null) return URIS.unrecordedBuilder;
  return /^[a-z][a-z0-9+.-]*:/i.test(builderId) ? builderId : `${OURS}/builders/${encodeURIComponent(builderId)}`;
}

/** An environment as a resource, for a test result's configuration. */
export const environmentUri = (environment: string) => `${OURS}/environments/${encodeURIComponent(environment)}`;

/** A Python package version as a purl (PEP 503 names are already lowercase with dashes). */
export const pypiPurl = (name: string, version: string | null) =>
  version === null ? `pkg:pypi/${encodeURIComponent(name)}` : `pkg:pypi/${encodeURIComponent(name)}@${encodeURIComponent(version)}`;

export const gitUri = (repository: string, sha: string) => `git+${repository}@${sha}`;
