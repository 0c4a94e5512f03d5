import { Inject, Injectable } from '@nestjs/common';
import {
  buildKey,
  buildsByKey,
  bundleOf,
  imageStatements,
  LogReference,
  packageBuildStatement,
  ReleasePolicy,
  releasePolicyOf,
  runsWhereStatement,
  signedEnvelope,
  Statement,
  withLogReference,
} from '@provenance/attestations';
import type { PipelineDefinition } from '@provenance/domain';
import type { SqlQueryable } from '@provenance/event-store';
import { PIPELINE_DEFINITION } from '@provenance/pipeline';
import { imageFactsOf, packageBuildFactsOf, ProvenanceQueries } from '@provenance/projections';
import { NotFoundException } from '@nestjs/common';
import { AttestationKeys } from './attestation-keys';

/** Asked once the statements' facts are read: the log's checkpoint holding them, if there is one. */
export type LogReferenceOf = () => Promise<LogReference | undefined>;

/** Statements from the read model, signed and written as in-toto bundles (JSON Lines). */
@Injectable()
export class AttestationBundles {
  private readonly policy: ReleasePolicy;

  constructor(
    private readonly keys: AttestationKeys,
    @Inject(PIPELINE_DEFINITION) pipeline: PipelineDefinition,
  ) {
    this.policy = releasePolicyOf(pipeline);
  }

  /** Everything recorded about the image: its provenance, its in-house package builds', its AQF results, its verdicts. */
  async image(db: SqlQueryable, digest: string, log: LogReferenceOf): Promise<string> {
    const key = this.keys.signer();
    return bundleOf((await this.imageStatements(db, digest, log)).map((statement) => signedEnvelope(statement, key)));
  }

  /** The image's statements as the read model has it now, unsigned; naming the log's checkpoint when `log` is given. */
  async imageStatements(db: SqlQueryable, digest: string, log: LogReferenceOf = () => Promise.resolve(undefined)): Promise<Statement[]> {
    const facts = await imageFactsOf(db, digest);
    return imageStatements(facts, this.policy, digest, await log());
  }

  /** The provenance of each of these package builds that has one (passed, with an artifact), unsigned. */
  async buildStatements(db: SqlQueryable, builds: { package: string; version: string }[]): Promise<Statement[]> {
    const recorded = await packageBuildFactsOf(db, builds);
    const byKey = buildsByKey(recorded);
    return builds
      .map((build) => byKey.get(buildKey(build.package, build.version)))
      .map((build) => (build ? packageBuildStatement(build, byKey) : null))
      .filter((statement): statement is Statement => statement !== null);
  }

  /** What ran in the environment at `at` as known at `knownAt`, then every statement it rests on. */
  async environment(db: SqlQueryable, environment: string, moment: { at: string; knownAt: string }, log: LogReferenceOf): Promise<string> {
    const key = this.keys.signer();
    const view = await new ProvenanceQueries(db).provenance(environment, moment);
    if (!view.image) throw new NotFoundException(`nothing ran in environment ${environment} at ${moment.at} (as known at ${moment.knownAt})`);
    const facts = await imageFactsOf(db, view.image.digest, moment);
    const reference = await log();
    const restsOn: Statement[] = imageStatements(facts, this.policy, view.image.digest, reference);
    const top = withLogReference(runsWhereStatement({ ...view, ...moment }, restsOn)!, reference);
    return bundleOf([top, ...restsOn].map((statement) => signedEnvelope(statement, key)));
  }
}
