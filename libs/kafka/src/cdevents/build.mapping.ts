import { CdEvent } from './cdevent';
import { arrayOf, Expectation, factFields, recordOfTexts, withoutAbsent } from './fact-fields';
import type { FactOf } from '@provenance/facts';
import { purlOf, sha256Of } from './purl';

const PYPI_EXAMPLE = 'pkg:pypi/katcomp@1.4.2?file_name=katcomp-1.4.2-py3-none-any.whl&checksum=sha256:<64 hex digits>';

const BUILD_OUTCOME: Expectation<'passed' | 'failed'> = {
  is: (value): value is 'passed' | 'failed' => value === 'passed' || value === 'failed',
  description: '"passed" or "failed"',
};

/**
 * `build.finished` → package build. The standard field is the artifact the build produced,
 * `subject.content.artifactId`, which for a Python package is a pypi purl naming the package,
 * the version and (qualifiers `file_name`, `checksum`) the built file. A failed build names the
 * version it was for, without the file. build.finished 0.3.0 carries no outcome: a build that
 * says nothing passed, because it produced its artifact; `customData.outcome` says "failed".
 * The source commit, and what the build was built against, come from `customData`.
 */
export function packageBuildFromBuildFinished(event: CdEvent): FactOf<'build'>[] {
  const fields = factFields(event, 'build.finished');
  const artifactId = fields.text('subject.content.artifactId', `the Python package version built, e.g. ${PYPI_EXAMPLE}`);
  const purl = purlOf(artifactId);
  const pypi = purl?.type === 'pypi' && purl.version ? purl : undefined;
  if (artifactId && !pypi) {
    fields.problem(`subject.content.artifactId must be a pypi purl for build.finished (the Python package version built, e.g. ${PYPI_EXAMPLE}), got ${JSON.stringify(artifactId)}`);
  }
  const outcome = fields.optional('customData.outcome', 'leave it out when the build produced its artifact', BUILD_OUTCOME) ?? 'passed';
  const sha256 = pypi && sha256Of(pypi);
  const filename = pypi?.qualifiers.file_name;
  const artifact = sha256 && filename ? { filename, sha256 } : undefined;
  if (pypi && outcome === 'passed' && !artifact) {
    fields.problem(`subject.content.artifactId must carry the qualifiers file_name and checksum=sha256:<64 hex digits> for a passed build.finished (the built file, e.g. ${PYPI_EXAMPLE}), got ${JSON.stringify(artifactId)}`);
  }
  const builtAgainst = fields.optional('customData.builtAgainst', 'the upstream package versions the build used', arrayOf(recordOfTexts('package', 'version')));
  const build: FactOf<'build'> = withoutAbsent({
    type: 'build',
    package: pypi?.name ?? '',
    version: pypi?.version ?? '',
    repository: fields.text('customData.repository', 'the repository the package was built from, e.g. ska-sa/katcomp'),
    sha: fields.text('customData.sha', 'the full git sha the package was built from'),
    outcome,
    artifact,
    buildUrl: fields.optionalText('customData.buildUrl', "the build's page on the CI server"),
    builtAgainst: builtAgainst?.map(({ package: name, version }) => ({ package: name, version })),
    finishedAt: event.context.timestamp,
    requestId: fields.optionalText('customData.requestId', 'the pipeline request this build answers'),
  });
  fields.done();
  return [build];
}
