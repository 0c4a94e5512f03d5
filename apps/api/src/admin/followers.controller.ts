import { Controller, Get, Inject } from '@nestjs/common';
import { CountLog, LOG_COUNT } from '@provenance/event-store';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FOLLOWER_CONTEXT, FollowerContext, followerStatuses, FollowerStatus } from '@provenance/followers';
import { Allow } from '../auth/allow.decorator';
import { Refuses } from '../http/routes';
import { FollowersAnswer } from './admin-answers.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/v1/admin/followers')
export class FollowersController {
  constructor(
    @Inject(FOLLOWER_CONTEXT) private readonly context: FollowerContext,
    @Inject(LOG_COUNT) private readonly countLog: CountLog,
  ) {}

  /**
   * Every follower of the log (read models, sagas, the Kafka publisher, the deadline watch):
   * which process holds its lease and since when, its checkpoint, its lag in events and
   * seconds, and its state (`following`, `catching-up`, `standing-by`, `failed: <why>`).
   */
  @Get()
  @Allow(['admin'])
  @Refuses([401, 403])
  @ApiOkResponse({ type: FollowersAnswer })
  async list(): Promise<{ followers: FollowerStatus[]; answeredBy: { host: string; pid: number } }> {
    const { host, pid } = this.context.holder;
    return { followers: await followerStatuses(this.context.connection, this.countLog), answeredBy: { host, pid } };
  }
}
