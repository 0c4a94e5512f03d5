import { BadRequestException, Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { normalisePackageName, packageBuildDecider, packageBuildStreamId } from '@provenance/domain';
import { RecordFactCommand, RecordingResult } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { MAY_RECORD, Principal } from '../auth/roles';
import { instant } from '../http/field-rules';
import { recordingContextOf } from '../http/recording-context';
import { PackageBuildDto } from './package-build.dto';

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
    if (body.outcome === 'passed' && !body.artifact) {
      throw new BadRequestException(['artifact is required when outcome is "passed"']);
    }
    const fact = {
      package: normalisePackageName(body.package),
      version: body.version,
      repository: body.repository,
      sha: body.sha,
      outcome: body.outcome,
      artifact: body.artifact ? { filename: body.artifact.filename, sha256: body.artifact.sha256 } : null,
      buildUrl: body.buildUrl ?? null,
      builtAgainst: (body.builtAgainst ?? []).map((upstream) => ({ package: normalisePackageName(upstream.package), version: upstream.version })),
      finishedAt: instant(body.finishedAt),
      requestId: body.requestId ?? null,
    };
    return this.commands.execute(
      new RecordFactCommand(
        packageBuildStreamId(fact.package, fact.version),
        packageBuildDecider,
        { type: 'RecordPackageBuild', fact },
        recordingContextOf(principal, key),
      ),
    );
  }
}
