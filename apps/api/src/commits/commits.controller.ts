import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { commitDecider, commitStreamId } from '@provenance/domain';
import { RecordFactCommand, RecordingResult } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { MAY_RECORD, Principal } from '../auth/roles';
import { instant } from '../http/field-rules';
import { recordingContextOf } from '../http/recording-context';
import { CommitDto } from './commit.dto';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/commits')
export class CommitsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a commit. 201 when new, 200 when already on record, 409 when the sha is recorded with other content. */
  @Post()
  @HttpCode(201)
  @Allow(MAY_RECORD)
  record(@Body() body: CommitDto, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<RecordingResult> {
    const fact = {
      repository: body.repository,
      sha: body.sha,
      parents: body.parents,
      branch: body.branch ?? null,
      author: body.author,
      message: body.message,
      committedAt: instant(body.committedAt),
    };
    return this.commands.execute(
      new RecordFactCommand(commitStreamId(fact.repository, fact.sha), commitDecider, { type: 'RecordCommit', fact }, recordingContextOf(principal, key)),
    );
  }
}
