import { BadRequestException } from '@nestjs/common';
import { cyclesOf, PACKAGE_GRAPH_STREAM_ID, PackageGraphFormatError, packageGraphDecider, parsePipdeptree } from '@provenance/domain';
import { RecordFactCommand, RecordingContext } from '@provenance/recording';

/**
 * `pipdeptree --json` or `--json-tree` output, as pipdeptree writes it. The latest graph is the
 * one dependency-driven builds follow, so an empty one (pipdeptree run in the wrong virtualenv)
 * is refused rather than recorded over it. `cycles` are the dependency cycles the graph is
 * recorded with.
 */
export function recordPackageGraph(pipdeptree: unknown, context: RecordingContext): { cycles: string[][]; command: RecordFactCommand } {
  const graph = parse(pipdeptree);
  if (graph.packages.length === 0) {
    throw new BadRequestException(['packages: the graph lists no packages; recording it would replace the recorded package graph with an empty one']);
  }
  const fact = { packages: graph.packages, recordedFrom: 'pipdeptree' as const };
  return {
    cycles: cyclesOf(graph.packages),
    command: new RecordFactCommand(PACKAGE_GRAPH_STREAM_ID, packageGraphDecider, { type: 'RecordPackageGraph', fact }, context),
  };
}

function parse(pipdeptree: unknown) {
  try {
    return parsePipdeptree(pipdeptree);
  } catch (error) {
    if (error instanceof PackageGraphFormatError) throw new BadRequestException([error.message]);
    throw error;
  }
}
