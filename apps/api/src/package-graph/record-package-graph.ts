import { BadRequestException } from '@nestjs/common';
import { PACKAGE_GRAPH_STREAM_ID, PackageGraphFormatError, packageGraphDecider, parsePipdeptree } from '@provenance/domain';
import { RecordFactCommand, RecordingContext } from '@provenance/recording';

/** `pipdeptree --json` or `--json-tree` output, as pipdeptree writes it. */
export function recordPackageGraph(pipdeptree: unknown, context: RecordingContext): RecordFactCommand {
  let graph;
  try {
    graph = parsePipdeptree(pipdeptree);
  } catch (error) {
    if (error instanceof PackageGraphFormatError) throw new BadRequestException([error.message]);
    throw error;
  }
  const fact = { packages: graph.packages, recordedFrom: 'pipdeptree' as const };
  return new RecordFactCommand(PACKAGE_GRAPH_STREAM_ID, packageGraphDecider, { type: 'RecordPackageGraph', fact }, context);
}
