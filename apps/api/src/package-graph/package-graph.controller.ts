import { Body, Controller, Headers } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult } from '@provenance/recording';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Principal } from '../auth/roles';
import { recordingContextOf } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { recordPackageGraph } from './record-package-graph';

type PackageGraphResponse = RecordingResult & { cycles: string[][] };

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/package-graph')
export class PackageGraphController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Records the package graph from `pipdeptree --json` or `--json-tree` output, as pipdeptree
   * writes it. The answer lists its dependency cycles (`[["a", "b", "a"]]`: a needs b, b needs a).
   */
  @RecordsFact()
  async record(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Headers('idempotency-key') key?: string): Promise<PackageGraphResponse> {
    const { cycles, command } = recordPackageGraph(body, recordingContextOf(principal, key));
    const result: RecordingResult = await this.commands.execute(command);
    return { ...result, cycles };
  }
}
