import { Command } from 'commander';
import { CliFailure, EXIT } from '../exit-codes';

export type GetText = (path: string) => Promise<string>;

/** `provenance attest export|env`: signed in-toto bundles from the server, written to stdout as they came. */
export function attestCommand(getText: GetText): Command {
  const attest = new Command('attest').description('signed attestations (in-toto bundles, one DSSE envelope a line) for offline verification');

  attest
    .command('export')
    .description('everything recorded about an image, signed: its provenance, its package builds\', its AQF results, its verdicts')
    .argument('<digest>', 'the image digest (sha256:...), or its first 7 or more hex digits')
    .addHelpText('after', '\nExample:\n  provenance attest export sha256:6fd89f0... > image.intoto.jsonl')
    .action(async (digest: string) => {
      process.stdout.write(await getText(`api/v1/images/${encodeURIComponent(digest)}/attestations`));
    });

  attest
    .command('env')
    .description('what ran in an environment, signed, with every statement it rests on')
    .argument('<environment>', 'the environment, e.g. site')
    .option('--at <time>', 'what ran at this time (RFC 3339; default now)')
    .option('--known-at <time>', 'as the log knew it at this time (RFC 3339; default now)')
    .addHelpText('after', '\nExample:\n  provenance attest env site --at 2026-11-26T00:00:00Z > site.intoto.jsonl')
    .action(async (environment: string, o: { at?: string; knownAt?: string }) => {
      for (const [flag, value] of [['--at', o.at], ['--known-at', o.knownAt]] as const) {
        if (value !== undefined && Number.isNaN(Date.parse(value))) throw new CliFailure(EXIT.usage, `${flag} must be an RFC 3339 time, e.g. 2026-11-26T00:00:00Z`);
      }
      const query = new URLSearchParams();
      if (o.at) query.set('at', o.at);
      if (o.knownAt) query.set('knownAt', o.knownAt);
      process.stdout.write(await getText(`api/v1/environments/${encodeURIComponent(environment)}/attestation${query.size ? `?${query.toString()}` : ''}`));
    });

  return attest;
}
