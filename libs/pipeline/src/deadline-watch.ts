import type { CommandBus } from '@nestjs/cqrs';
import type { PipelineDefinition } from '@provenance/domain';
import type { Lease } from '@provenance/followers';
import type { PipelineQueries } from '@provenance/projections';
import { AdvancePipelineRun, CheckBuildRequestDeadline } from './pipeline.commands';

/**
 * Every few seconds, asks each run with a stage open past its deadline, and each package-build
 * request unanswered past its deadline, to report it timed out.
 * Only the process holding the `deadline-watch` lease looks. The read model only nominates
 * runs; the run's own stream decides, so a stale read model or two watches at once (a holder
 * paused past its lease) record nothing twice.
 */
export class DeadlineWatch {
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(
    private readonly queries: PipelineQueries,
    private readonly commandBus: CommandBus,
    private readonly pipeline: PipelineDefinition,
    private readonly intervalMs: number,
    private readonly lease: Lease,
    private readonly log: { error(message: string): void },
  ) {}

  async start(): Promise<void> {
    await this.lease.start();
    this.timer = setInterval(() => {
      if (this.lease.heldGeneration === undefined) return;
      this.checking ??= this.check(new Date())
        .catch((error: unknown) => this.log.error(`deadline check failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.checking = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
    await this.lease.stop();
  }

  async check(now: Date): Promise<void> {
    for (const requestId of await this.queries.buildRequestsPastTheirDeadline(now)) {
      await this.commandBus.execute(new CheckBuildRequestDeadline(requestId, now.toISOString(), this.pipeline.stageTimeouts['package-build']));
    }
    for (const runId of await this.queries.runsPastADeadline(now)) {
      const at = now.toISOString();
      await this.commandBus.execute(
        new AdvancePipelineRun(runId, { type: 'CheckDeadlines', now: at, timeouts: this.pipeline.stageTimeouts }, { eventId: `deadline-check-${at}`, recordedAt: at, position: '' }),
      );
    }
  }
}
