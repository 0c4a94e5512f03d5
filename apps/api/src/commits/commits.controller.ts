import { CommitDto } from '@provenance/facts';
import { Body, Controller, Headers } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult } from '@provenance/recording';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { recordingContextOf } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { recordCommit } from './record-commit';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/commits')
export class CommitsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a commit. 201 when new, 200 when already on record, 409 when the sha is recorded with other content. */
  @RecordsFact()
  record(@Body() body: CommitDto, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<RecordingResult> {
    return this.commands.execute(recordCommit(body, recordingContextOf(principal, key)));
  }
}
