import { Body, Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RecordingResult, RecordingContext } from '@provenance/recording';
import { Recording } from '../http/recording-context';
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
  async record(@Body() body: unknown, @Recording() recording: RecordingContext): Promise<PackageGraphResponse> {
    const { cycles, command } = recordPackageGraph(body, recording);
    const result: RecordingResult = await this.commands.execute(command);
    return { ...result, cycles };
  }
}
