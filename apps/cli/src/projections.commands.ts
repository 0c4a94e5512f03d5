import { Command } from 'commander';
import { CliFailure, EXIT } from './exit-codes';
import type { ProvenanceClient } from './provenance-client';

const BAR = 30;

function progressBar(applied: number, total: number): string {
  const share = total > 0 ? Math.min(applied / total, 1) : 1;
  const filled = Math.round(share * BAR);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${applied.toLocaleString('en')}/${total.toLocaleString('en')} events`;
}

/** `provenance projections rebuild [name]`: replays the log into read models, with a progress bar. */
export function projectionsCommand(client: () => ProvenanceClient, asJson: () => boolean = () => false): Command {
  const projections = new Command('projections').description('read models (admin role)');
  projections
    .command('rebuild')
    .description('empty read models and replay the whole log into them, showing progress')
    .argument('[name]', 'one read model; all of them when omitted')
    .action(async (name?: string) => {
      const listed = (await client().send('GET', 'api/v1/admin/projections')).body as { projections: { name: string }[] };
      const names = name ? [name] : listed.projections.map((projection) => projection.name);
      const rebuilt: { name: string; applied: number }[] = [];
      for (const projection of names) {
        const tty = process.stderr.isTTY;
        let lastShown = -1;
        let done: { done: boolean; applied?: number; error?: string } | undefined;
        await client().stream(`api/v1/admin/projections/${encodeURIComponent(projection)}/rebuild`, (line) => {
          const progress = line as { applied?: number; total?: number; done?: boolean; error?: string };
          if (progress.done !== undefined) {
            done = progress as typeof done;
            return;
          }
          const { applied = 0, total = 0 } = progress;
          const tenth = total ? Math.floor((applied / total) * 10) : 10;
          if (tty) process.stderr.write(`\r${projection} ${progressBar(applied, total)}`);
          else if (tenth !== lastShown) process.stderr.write(`${projection} ${progressBar(applied, total)}\n`);
          lastShown = tenth;
        });
        if (tty) process.stderr.write('\n');
        if (!done?.done) throw new CliFailure(EXIT.refused, `rebuilding ${projection} failed: ${done?.error ?? 'the answer ended early'}`);
        rebuilt.push({ name: projection, applied: done.applied ?? 0 });
        if (!asJson()) console.log(`rebuilt ${projection} from ${done.applied} events`);
      }
      if (asJson()) console.log(JSON.stringify({ rebuilt }, null, 2));
    });
  return projections;
}
