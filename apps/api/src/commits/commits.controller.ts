import { CommitDto } from '@provenance/facts';
import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult, RecordingContext } from '@provenance/recording';
import { Recording } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { recordCommit } from './record-commit';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/commits')
export class CommitsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a commit. 201 when new, 200 when already on record, 409 when the sha is recorded with other content. */
  @RecordsFact()
  record(@Body() body: CommitDto, @Recording() recording: RecordingContext): Promise<RecordingResult> {
    return this.commands.execute(recordCommit(body, recording));
  }
}
