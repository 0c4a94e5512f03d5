import { LEAVES, PipelineAgents } from './pipeline-agents';

/**
 * A long pipeline, as agents play it: the upstream packages cascade into the leaves, then
 * round after round a package is rebuilt and each run goes through pinning, bake and AQF in
 * both environments; odd rounds fail AQF in aqf-2. Every third round rebuilds katconf, whose
 * two downstream builds start two runs. Returns how many runs it started.
 */
export async function playScriptedPipeline(agents: PipelineAgents, rounds: number): Promise<number> {
  await agents.recordGraph();
  await agents.commitAndBuild('katcore');
  await agents.commitAndBuild('katconf');
  for (const request of await agents.take('package-build', 4)) await agents.buildRequested(request);
  await agents.commitAndBuild('katsim');
  await agents.commitAndBuild('katuilib');
  let runs = await driveRuns(agents, 1, 0);
  for (let round = 1; round <= rounds; round++) {
    if (round % 3 === 0) {
      await agents.commitAndBuild('katconf');
      for (const request of await agents.take('package-build', 2)) await agents.buildRequested(request);
      runs += await driveRuns(agents, 2, round);
    } else {
      await agents.commitAndBuild(LEAVES[round % LEAVES.length]);
      runs += await driveRuns(agents, 1, round);
    }
  }
  return runs;
}

async function driveRuns(agents: PipelineAgents, count: number, round: number): Promise<number> {
  for (const pinning of await agents.take('pinning', count)) await agents.pin(pinning);
  for (const bake of await agents.take('candidate-build', count)) await agents.bake(bake);
  for (const aqf of await agents.take('aqf-run', 2 * count)) {
    await agents.verify(aqf, round % 2 === 1 && aqf.request.environment === 'aqf-2' ? 'failed' : 'passed');
  }
  return count;
}
