import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { GateVerdictAnswer } from '../provenance/environment-answers.dto';
import type { GateVerdict } from '@provenance/domain';
import { GateQuery } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { MAY_ASK_THE_GATE } from '../auth/roles';
import { GateQueryDto } from './gate-query.dto';
import { Refuses } from '../http/routes';

@ApiTags('gate')
@ApiBearerAuth()
@Controller('api/v1/gate')
export class GateController {
  constructor(private readonly queries: QueryBus) {}

  /** May this image go to this environment? Production takes release candidates only; the reasons say why. */
  @Get()
  @Allow(MAY_ASK_THE_GATE)
  @Refuses([400, 401, 403])
  @ApiOkResponse({ type: GateVerdictAnswer })
  ask(@Query() query: GateQueryDto): Promise<GateVerdict> {
    return this.queries.execute(new GateQuery(query.image, query.environment));
  }
}
