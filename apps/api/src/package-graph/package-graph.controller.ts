import { BadRequestException, Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PACKAGE_GRAPH_STREAM_ID, PackageGraphFormatError, packageGraphDecider, parsePipdeptree } from '@provenance/domain';
import { RecordFactCommand, RecordingResult } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { MAY_RECORD, Principal } from '../auth/roles';
import { recordingContextOf } from '../http/recording-context';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/package-graph')
export class PackageGraphController {
  constructor(private readonly commands: CommandBus) {}

  /** Records the package graph from `pipdeptree --json` or `--json-tree` output, as pipdeptree writes it. */
  @Post()
  @HttpCode(201)
  @Allow(MAY_RECORD)
  record(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<RecordingResult> {
    let graph;
    try {
      graph = parsePipdeptree(body);
    } catch (error) {
      if (error instanceof PackageGraphFormatError) throw new BadRequestException([error.message]);
      throw error;
    }
    const fact = { packages: graph.packages, recordedFrom: 'pipdeptree' as const };
    return this.commands.execute(
      new RecordFactCommand(PACKAGE_GRAPH_STREAM_ID, packageGraphDecider, { type: 'RecordPackageGraph', fact }, recordingContextOf(principal, key)),
    );
  }
}
