import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DiffView, diffOf, ImpactView, impactOf, LineageView, lineageOf, resolveImage, resolveRepository, resolveSha } from '@provenance/projections';
import { Allow } from '../auth/allow.decorator';
import { MAY_READ } from '../auth/roles';
import { found } from './found';
import { DiffAnswer, ImpactAnswer, LineageAnswer } from './query-answers.dto';
import { FreshReadModel } from './fresh-read-model';
import { CommitReferenceParams, DiffQuery, ImageReferenceParam } from './reference-params.dto';
import { Refuses } from '../http/routes';

@ApiTags('provenance')
@ApiBearerAuth()
@Controller('api/v1')
export class LineageController {
  constructor(private readonly readModel: FreshReadModel) {}

  /** Backwards from an image: its pinned set, builds and commits, plus its AQF runs and decisions. */
  @Get('images/:digest/lineage')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403, 404, 409, 503], { 409: 'a short digest fits several images; `message` lists them' })
  @ApiOkResponse({ type: LineageAnswer })
  async lineage(@Param() { digest }: ImageReferenceParam): Promise<LineageView> {
    const db = await this.readModel.db();
    return lineageOf(db, found(await resolveImage(db, digest), { what: `image ${digest}` }));
  }

  /** Forwards from a commit: builds, pinned sets, images, AQF results, and where it runs or ran, with intervals. */
  @Get('commits/:repository/:sha/impact')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403, 404, 409, 503], { 409: 'a short sha or a last path segment fits several; `message` lists them' })
  @ApiOkResponse({ type: ImpactAnswer })
  async impact(@Param() { repository, sha }: CommitReferenceParams): Promise<ImpactView> {
    const db = await this.readModel.db();
    const fullName = found(await resolveRepository(db, repository), { what: `repository ${repository}`, near: (known) => `known repositories: ${known.join(', ')}` });
    return impactOf(db, fullName, found(await resolveSha(db, fullName, sha), { what: `commit ${sha} in ${fullName}` }));
  }

  /** Packages added, removed and changed between two images, each change with its commit range. */
  @Get('diff')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403, 404, 409, 503], { 409: 'a short digest fits several images; `message` lists them' })
  @ApiOkResponse({ type: DiffAnswer })
  async diff(@Query() { from, to }: DiffQuery): Promise<DiffView> {
    const db = await this.readModel.db();
    const [fromImage, toImage] = [found(await resolveImage(db, from), { what: `image ${from}` }), found(await resolveImage(db, to), { what: `image ${to}` })];
    return diffOf(db, fromImage, toImage);
  }
}
