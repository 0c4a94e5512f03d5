import { PackageBuildDto } from '@provenance/facts';
import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult, RecordingContext } from '@provenance/recording';
import { Recording } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { recordBuild } from './record-build';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/builds')
export class BuildsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a package build. 409 when that package version is on record with another artifact: the build is not repeatable. */
  @RecordsFact()
  record(@Body() body: PackageBuildDto, @Recording() recording: RecordingContext): Promise<RecordingResult> {
    return this.commands.execute(recordBuild(body, recording));
  }
}
