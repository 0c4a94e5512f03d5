import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GateVerdictAnswer } from '../provenance/environment-answers.dto';
import type { GateVerdict } from '@provenance/domain';
import { GateQuery } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { MAY_ASK_THE_GATE } from '../auth/roles';
import { GateQueryDto } from './gate-query.dto';
import { found } from '../provenance/found';
import { FreshReadModel } from '../provenance/fresh-read-model';
import { asDigest, isFullDigest, resolveImage } from '@provenance/projections';
import { Refuses } from '../http/routes';

@ApiTags('gate')
@ApiBearerAuth()
@Controller('api/v1/gate')
export class GateController {
  constructor(
    private readonly queries: QueryBus,
    private readonly readModel: FreshReadModel,
  ) {}

  /**
   * May this image go to this environment? Production takes release candidates only; the reasons
   * say why. A full digest is judged from the image's own facts, even before the image is
   * recorded; a short one must name one image on record.
   */
  @Get()
  @Allow(MAY_ASK_THE_GATE)
  @Refuses([400, 401, 403, 404, 409, 503], { 404: 'a short digest that no image on record starts with', 409: 'a short digest several images start with; `message` lists them' })
  @ApiOkResponse({ type: GateVerdictAnswer })
  async ask(@Query() query: GateQueryDto): Promise<GateVerdict> {
    return this.queries.execute(new GateQuery(await this.fullDigest(query.image), query.environment));
  }

  private async fullDigest(image: string): Promise<string> {
    const digest = asDigest(image);
    if (isFullDigest(digest)) return digest;
    return found(await resolveImage(await this.readModel.db(), image), { what: `image ${image}` });
  }
}
