import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DiffView, diffOf, ImpactView, impactOf, LineageView, lineageOf } from '@provenance/projections';
import { Allow } from '../auth/allow.decorator';
import { MAY_READ } from '../auth/roles';
import { DigestParam } from '../http/digest.param';
import { DIGEST, digestMessage, GIT_SHA, NO_WHITESPACE, shaMessage } from '@provenance/facts';
import { FreshReadModel } from './fresh-read-model';

export class CommitParams {
  /** The repository, URL-encoded as one path segment. */
  @Matches(NO_WHITESPACE, { message: 'repository must be 1-300 characters without whitespace (URL-encode it as one path segment)' })
  repository!: string;

  @Matches(GIT_SHA, { message: shaMessage('sha') })
  sha!: string;
}

export class DiffQuery {
  @Matches(DIGEST, { message: digestMessage('from') })
  from!: string;

  @Matches(DIGEST, { message: digestMessage('to') })
  to!: string;
}

@ApiTags('provenance')
@ApiBearerAuth()
@Controller('api/v1')
export class LineageController {
  constructor(private readonly readModel: FreshReadModel) {}

  /** Backwards from an image: its pinned set, builds and commits, plus its AQF runs and decisions. */
  @Get('images/:digest/lineage')
  @Allow(MAY_READ)
  async lineage(@Param() { digest }: DigestParam): Promise<LineageView> {
    return lineageOf(await this.readModel.db(), digest);
  }

  /** Forwards from a commit: builds, pinned sets, images, AQF results, and where it runs or ran, with intervals. */
  @Get('commits/:repository/:sha/impact')
  @Allow(MAY_READ)
  async impact(@Param() { repository, sha }: CommitParams): Promise<ImpactView> {
    return impactOf(await this.readModel.db(), repository, sha);
  }

  /** Packages added, removed and changed between two images, each change with its commit range. */
  @Get('diff')
  @Allow(MAY_READ)
  async diff(@Query() { from, to }: DiffQuery): Promise<DiffView> {
    return diffOf(await this.readModel.db(), from, to);
  }
}
