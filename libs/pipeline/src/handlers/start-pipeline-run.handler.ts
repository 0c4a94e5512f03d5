import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitFact, commitStreamId, PackageBuildFact, packageBuildStreamId, pipelineRunDecider, pipelineRunStreamId } from '@provenance/domain';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingResult } from '@provenance/recording';
import { StartPipelineRun } from '../pipeline.commands';
import { pipelineContext } from './pipeline-context';

const MAX_BUILDS_FOLLOWED = 500;

@CommandHandler(StartPipelineRun)
export class StartPipelineRunHandler implements ICommandHandler<StartPipelineRun> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ pinning, causedBy }: StartPipelineRun): Promise<RecordingResult> {
    return decideAndAppend(
      this.store,
      pipelineRunStreamId(pinning.runId),
      pipelineRunDecider,
      {
        type: 'StartPipelineRun',
        runId: pinning.runId,
        pinningRequestId: pinning.requestId,
        builds: pinning.builds,
        earliestCommitAt: await this.earliestCommitOf(pinning.builds),
        at: causedBy.recordedAt,
      },
      pipelineContext(causedBy, pinning.runId),
    );
  }

  /**
   * The earliest recorded commit that went into the run: the leaves' own commits and those of
   * every build they were built against, transitively (a change upstream starts the clock).
   */
  private async earliestCommitOf(leaves: { package: string; version: string }[]): Promise<string | null> {
    const times: string[] = [];
    const seen = new Set<string>();
    const queue = [...leaves];
    while (queue.length > 0 && seen.size < MAX_BUILDS_FOLLOWED) {
      const { package: pkg, version } = queue.shift()!;
      const streamId = packageBuildStreamId(pkg, version);
      if (seen.has(streamId)) continue;
      seen.add(streamId);
      const [build] = await this.store.readStream(streamId);
      if (!build) continue;
      const { repository, sha, builtAgainst } = build.data as unknown as PackageBuildFact;
      queue.push(...builtAgainst);
      const [commit] = await this.store.readStream(commitStreamId(repository, sha));
      if (commit) times.push((commit.data as unknown as CommitFact).committedAt);
    }
    return times.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
  }
}
