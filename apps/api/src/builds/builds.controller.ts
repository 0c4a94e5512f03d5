import { PackageBuildDto } from '@provenance/facts';
import { Body, Controller, Headers } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult } from '@provenance/recording';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { recordingContextOf } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { recordBuild } from './record-build';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/builds')
export class BuildsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a package build. 409 when that package version is on record with another artifact: the build is not repeatable. */
  @RecordsFact()
  record(@Body() body: PackageBuildDto, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<RecordingResult> {
    return this.commands.execute(recordBuild(body, recordingContextOf(principal, key)));
  }
}
