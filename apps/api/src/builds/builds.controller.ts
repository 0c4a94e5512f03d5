import { PackageBuildDto } from '@provenance/facts';
import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { MAY_RECORD, Principal } from '../auth/roles';
import { recordingContextOf } from '../http/recording-context';
import { recordBuild } from './record-build';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/builds')
export class BuildsController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a package build. 409 when that package version is on record with another artifact: the build is not repeatable. */
  @Post()
  @HttpCode(201)
  @Allow(MAY_RECORD)
  record(@Body() body: PackageBuildDto, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<RecordingResult> {
    return this.commands.execute(recordBuild(body, recordingContextOf(principal, key)));
  }
}
