#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { clientSettingsOf } from './client-settings';
import { requireAllAtOnce } from './required-options';
import { cliVersion } from './version';
import { agentCommand } from './agent/agent.command';
import { attestCommand } from './attest/attest.commands';
import { verifyCommand } from './attest/verify.command';
import { CliFailure, EXIT } from './exit-codes';
import { ProvenanceClient } from './provenance-client';
import { followersCommand } from './followers.command';
import { logCommands } from './log/log.commands';
import { projectionsCommand } from './projections.commands';
import { queryCommands } from './query.commands';
import { recordCommands, Request } from './record.commands';

const HELP_FOOTER = `
Environment:
  PROVENANCE_URL     the release-provenance server (default http://127.0.0.1:3000)
  PROVENANCE_TOKEN   an API token (agent role to record, auditor to query), when the server requires one

provenance --version prints this CLI's version.

Exit codes:
  0 recorded, or already on record    1 refused by the server (reason printed)
  2 usage error                        3 server unreachable after retries

Example (a Jenkins shell step):
  provenance record pin --file pinned-requirements.txt --build katcomp==1.4.0
  provenance record image --file autobuild-$BUILD_ID.tar.gz --pinned-set sha256:... --baked-at "$BAKED_AT"
  provenance agent --stage candidate-build --exec ./bake.sh    (answers Kafka stage requests; see agent --help)`;

function retryCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > 20) throw new InvalidArgumentError('--retries must be a whole number from 0 to 20');
  return count;
}

export function program(env: NodeJS.ProcessEnv = process.env): Command {
  const root = new Command('provenance')
    .description('Record and query the provenance of what the telescope runs.\nQueries: running, lineage, impact, diff, history.\nAttestations: attest export, attest env, verify (offline). Checking the log: log verify, log prove, log watch.')
    .option('--json', 'print the server\'s answer as JSON')
    .option('--retries <n>', 'retries on network errors and 5xx answers', retryCount, 5)
    .addHelpText('after', HELP_FOOTER)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');

  const client = () => {
    const options = root.opts<{ json?: boolean; retries: number }>();
    return new ProvenanceClient({ ...clientSettingsOf(env), retries: options.retries, log: (line) => console.error(line) });
  };
  const print = (body: unknown, human: () => string) => console.log(root.opts().json ? JSON.stringify(body, null, 2) : human());

  const send = async (request: Request) => {
    const { status, body } = await client().send('POST', request.path, { json: request.json, text: request.text });
    if (root.opts().json) {
      console.log(JSON.stringify(body, null, 2));
      return;
    }
    const answer = body as { status: string; events: { type: string; streamId: string; revision: string; position: string }[]; id?: string };
    const verb = status === 201 ? 'recorded' : 'already recorded';
    for (const event of answer.events) console.log(`${verb}: ${event.type} in ${event.streamId} (revision ${event.revision}, position ${event.position})`);
    if (answer.id) console.log(`pinned set id: ${answer.id}`);
  };

  root.addCommand(recordCommands(send).exitOverride());
  root.addCommand(projectionsCommand(client, () => Boolean(root.opts<{ json?: boolean }>().json)));
  root.addCommand(agentCommand(client, env));
  const get = async (path: string) => (await client().send('GET', path)).body;
  for (const query of queryCommands(get, print)) root.addCommand(query);
  root.addCommand(followersCommand(get, print));
  root.addCommand(attestCommand(async (path) => (await client().send('GET', path)).text));
  root.addCommand(verifyCommand(() => Boolean(root.opts<{ json?: boolean }>().json)));
  root.addCommand(logCommands({ get, print, json: () => Boolean(root.opts<{ json?: boolean }>().json), env, url: () => clientSettingsOf(env).url }));
  for (const command of root.commands.flatMap((command) => [command, ...command.commands])) {
    command.exitOverride();
    requireAllAtOnce(command);
  }
  return root;
}

async function main(): Promise<number> {
  // Not commander's version option: a root option is read anywhere on the line, and `record build --version 1.0` needs its own.
  if (process.argv.slice(2).join(' ') === '--version') {
    console.log(cliVersion());
    return EXIT.recorded;
  }
  try {
    await program().parseAsync(process.argv);
    return EXIT.recorded;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help asked for is success; help shown because no command was given is a usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.recorded : EXIT.usage;
    }
    if (error instanceof CliFailure) {
      if (error.message) console.error(error.message);
      return error.exitCode;
    }
    console.error(error instanceof Error ? error.message : error);
    return EXIT.usage;
  }
}

if (require.main === module) {
  void main().then((code) => process.exit(code));
}
