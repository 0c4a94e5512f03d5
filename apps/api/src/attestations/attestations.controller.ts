import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EnvironmentSettings } from '@provenance/domain';
import { EnvironmentParam } from '@provenance/facts';
import { resolveImage } from '@provenance/projections';
import { ENVIRONMENT_SETTINGS } from '@provenance/recording';
import type { Response } from 'express';
import { Allow } from '../auth/allow.decorator';
import { MAY_READ } from '../auth/roles';
import { Refuses } from '../http/routes';
import { found } from '../provenance/found';
import { FreshReadModel } from '../provenance/fresh-read-model';
import { knownEnvironment } from '../provenance/known-environment';
import { MomentQuery } from '../provenance/provenance.queries.dto';
import { ImageReferenceParam } from '../provenance/reference-params.dto';
import { AttestationKeysAnswer } from './attestation-answers.dto';
import { AttestationBundles } from './attestation-bundles';
import { AttestationKeys } from './attestation-keys';
import { LogReferences } from './log-references';

const JSONL = 'application/jsonl';
const BUNDLE = { description: 'an in-toto bundle: one DSSE envelope (JSON) a line', content: { [JSONL]: { schema: { type: 'string' } } } } as const;
const NO_KEY = { 503: 'the read model is behind the log; or no signing key is configured (`message` says how: PROVENANCE_SIGNING_KEY)' };

@ApiTags('attestations')
@ApiBearerAuth()
@Controller('api/v1')
export class AttestationsController {
  constructor(
    private readonly readModel: FreshReadModel,
    private readonly keys: AttestationKeys,
    private readonly bundles: AttestationBundles,
    private readonly logReferences: LogReferences,
    @Inject(ENVIRONMENT_SETTINGS) private readonly settings: EnvironmentSettings,
  ) {}

  /** The public keys envelopes are signed with, now and before a rotation: fetch once, verify offline with `provenance verify --key`. */
  @Get('attestations/keys')
  @Allow(MAY_READ)
  @Refuses([401, 403])
  @ApiOkResponse({ type: AttestationKeysAnswer })
  publicKeys(): AttestationKeysAnswer {
    return { keys: this.keys.published.map(({ keyId, ...key }) => ({ keyid: keyId, ...key })) };
  }

  /** Signed statements about an image: its SLSA provenance, each in-house package build's, its AQF results, its release verdicts. */
  @Get('images/:digest/attestations')
  @Allow(MAY_READ)
  @ApiOkResponse(BUNDLE)
  @Refuses([400, 401, 403, 404, 409, 503], { 409: 'a short digest fits several images; `message` lists them', ...NO_KEY })
  async image(@Param() { digest }: ImageReferenceParam, @Res({ passthrough: true }) response: Response): Promise<string> {
    const db = await this.readModel.db();
    const bundle = await this.bundles.image(db, found(await resolveImage(db, digest), { what: `image ${digest}` }), () => this.logReferences.covering());
    response.type(JSONL);
    return bundle;
  }

  /**
   * What ran in the environment at `at` as known at `knownAt` (each default: now, and then
   * stated in the answer), signed, followed by every statement it rests on.
   */
  @Get('environments/:env/attestation')
  @Allow(MAY_READ)
  @ApiOkResponse(BUNDLE)
  @Refuses([400, 401, 403, 404, 503], { 404: 'no such environment, or nothing ran there then', ...NO_KEY })
  async environment(@Param() { env }: EnvironmentParam, @Query() moment: MomentQuery, @Res({ passthrough: true }) response: Response): Promise<string> {
    this.keys.signer();
    const now = new Date().toISOString();
    const db = await this.readModel.db();
    const bundle = await this.bundles.environment(db, await knownEnvironment(db, env, this.settings), {
      at: moment.at ? new Date(moment.at).toISOString() : now,
      knownAt: moment.knownAt ? new Date(moment.knownAt).toISOString() : now,
    }, () => this.logReferences.covering());
    response.type(JSONL);
    return bundle;
  }
}
