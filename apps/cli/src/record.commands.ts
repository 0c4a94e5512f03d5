import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { factProblems, FactType } from '@provenance/facts';
import { CliFailure, EXIT } from './exit-codes';
import { sha256OfFile } from './file-digest';

/** What a `record` subcommand sends: a POST to the API. */
export interface Request {
  path: string;
  json?: unknown;
  text?: string;
  /** The fact the JSON is, and the ids its path carries, so it is checked before it is sent. */
  fact?: { type: FactType; inPath?: Record<string, unknown> };
}

type Options = Record<string, string | string[] | boolean | undefined>;
export type Send = (request: Request) => Promise<void>;

/** Occurred-at times are part of the fact, so a re-run of the same step records the same fact. */
const WHEN = 'when it happened, RFC 3339 (e.g. "$(date -u +%FT%TZ)" captured once by the job)';
const collect = (value: string, previous: string[] = []) => [...previous, value];
const pairs = (values: string[] | undefined) =>
  (values ?? []).map((pair) => {
    const [pkg, version] = pair.split('==');
    return { package: pkg, version };
  });
const readInput = (path: string) => readFileSync(path === '-' ? 0 : path, 'utf8');

const FILE_PROBLEMS: Record<string, string> = { ENOENT: 'no such file', EACCES: 'not readable by this user', EISDIR: 'a directory, not a file' };

/** What an option's file gives; a file that cannot be read is a usage error naming the option and the path. */
async function fromFile<T>(option: string, path: string, read: (path: string) => T | Promise<T>): Promise<T> {
  try {
    return await read(path);
  } catch (error) {
    const problem = FILE_PROBLEMS[(error as NodeJS.ErrnoException).code ?? ''];
    if (problem) throw new CliFailure(EXIT.usage, `${option} ${path}: ${problem}`);
    if (error instanceof SyntaxError) throw new CliFailure(EXIT.usage, `${option} ${path}: not JSON (${error.message})`);
    throw error;
  }
}

/** `provenance record <fact>`: one subcommand per fact, each posting it to the API. */
export function recordCommands(send: Send): Command {
  const record = new Command('record').description('record a pipeline fact (exit 0 recorded or already recorded, 1 refused, 2 usage, 3 unreachable)');
  const fact = (name: string, description: string, build: (options: Options) => Promise<Request> | Request) =>
    record
      .command(name)
      .description(description)
      .action(async (options: Options, command: Command) => {
        const request = await build(options);
        refuseBadFact(request, command);
        await send(request);
      });

  fact('commit', 'a commit: repository + sha, with its parents', (o) => ({
    path: 'api/v1/commits',
    fact: { type: 'commit' },
    json: { repository: o.repository, sha: o.sha, parents: o.parent ?? [], branch: o.branch, author: o.author, message: o.message, committedAt: o.committedAt },
  }))
    .requiredOption('--repository <repository>', 'e.g. https://github.com/ska-sa/katcomp')
    .requiredOption('--sha <sha>', 'the full commit sha')
    .option('--parent <sha>', 'a parent sha (repeat for merges)', collect)
    .option('--branch <branch>')
    .requiredOption('--author <author>')
    .requiredOption('--message <message>')
    .requiredOption('--committed-at <time>', WHEN);

  fact('build', 'a package build: package + version, from a commit, with its artifact', async (o) => {
    const artifact = o.artifact ? await fromFile('--artifact', o.artifact as string, sha256OfFile) : undefined;
    return {
      path: 'api/v1/builds',
      fact: { type: 'build' },
      json: {
        package: o.package,
        version: o.version,
        repository: o.repository,
        sha: o.sha,
        outcome: o.outcome,
        artifact: artifact ? { filename: artifact.name, sha256: artifact.sha256 } : undefined,
        buildUrl: o.buildUrl,
        builtAgainst: pairs(o.builtAgainst as string[]),
        finishedAt: o.finishedAt,
        requestId: o.requestId,
      },
    };
  })
    .requiredOption('--package <name>')
    .requiredOption('--version <version>')
    .requiredOption('--repository <repository>')
    .requiredOption('--sha <sha>', 'the commit it was built from')
    .addOption(new Option('--outcome <outcome>').choices(['passed', 'failed']).default('passed'))
    .option('--artifact <file>', 'the built artifact (its name and sha256 are sent, not the file)')
    .option('--build-url <url>')
    .option('--built-against <package==version>', 'an upstream package version it was built against (repeat)', collect)
    .requiredOption('--finished-at <time>', WHEN)
    .option('--request-id <id>', 'the pipeline request this answers');

  fact('pin', 'a pinned set: the requirements file pip-compile wrote', async (o) => {
    const file = o.file as string;
    const query = new URLSearchParams({ name: (o.name as string) ?? basename(file === '-' ? 'requirements.txt' : file) });
    if (o.build) query.set('builds', (o.build as string[]).join(','));
    if (o.requestId) query.set('requestId', o.requestId as string);
    return { path: `api/v1/pinned-sets?${query.toString()}`, text: await fromFile('--file', file, readInput) };
  })
    .requiredOption('--file <path>', 'the pip-compile output, or - for stdin')
    .option('--name <name>', 'default: the file name')
    .option('--build <package==version>', 'a package build the set was pinned from (repeat)', collect)
    .option('--request-id <id>');

  fact('graph', 'the package graph: pipdeptree --json or --json-tree output', async (o) => ({
    path: 'api/v1/package-graph',
    json: await fromFile('--file', o.file as string, (path) => JSON.parse(readInput(path)) as unknown),
  })).requiredOption('--file <path>', 'the pipdeptree output, or - for stdin');

  fact('image', 'a baked image: the autobuild-*.tar.gz and the pinned set it was baked from', async (o) => {
    if (!o.file && !(o.digest && o.name)) throw new CliFailure(EXIT.usage, 'give --file, or both --digest and --name');
    const file = o.file ? await fromFile('--file', o.file as string, sha256OfFile) : undefined;
    return {
      path: 'api/v1/images',
      fact: { type: 'image' },
      json: {
        digest: file ? `sha256:${file.sha256}` : o.digest,
        name: file?.name ?? o.name,
        pinnedSetId: o.pinnedSet,
        builderId: o.builder,
        buildUrl: o.buildUrl,
        bakedAt: o.bakedAt,
        requestId: o.requestId,
      },
    };
  })
    .option('--file <path>', 'the baked image: its sha256 and name are computed and sent')
    .option('--digest <sha256:...>', 'instead of --file')
    .option('--name <name>', 'instead of --file')
    .requiredOption('--pinned-set <id>', 'sha256:... of the pinned set it was baked from')
    .option('--builder <id>')
    .option('--build-url <url>')
    .requiredOption('--baked-at <time>', WHEN)
    .option('--request-id <id>');

  fact('aqf-start', 'the start of an AQF run of an image in an environment', (o) => ({
    path: 'api/v1/aqf-runs',
    fact: { type: 'aqf-run' },
    json: { runId: o.runId, imageDigest: o.image, environment: o.environment, startedAt: o.startedAt, requestId: o.requestId },
  }))
    .requiredOption('--run-id <id>')
    .requiredOption('--image <sha256:...>')
    .requiredOption('--environment <env>', 'e.g. aqf-1')
    .requiredOption('--started-at <time>', WHEN)
    .option('--request-id <id>');

  fact('aqf-result', 'the result of an AQF run', (o) => ({
    path: `api/v1/aqf-runs/${encodeURIComponent(o.runId as string)}/result`,
    fact: { type: 'aqf-result', inPath: { runId: o.runId } },
    json: {
      outcome: o.outcome,
      passed: Number(o.passed),
      failed: Number(o.failed),
      skipped: Number(o.skipped),
      reportUrl: o.reportUrl,
      completedAt: o.completedAt,
    },
  }))
    .requiredOption('--run-id <id>')
    .addOption(new Option('--outcome <outcome>').choices(['passed', 'failed', 'error']).makeOptionMandatory())
    .requiredOption('--passed <n>')
    .requiredOption('--failed <n>')
    .option('--skipped <n>', '', '0')
    .option('--report-url <url>')
    .requiredOption('--completed-at <time>', WHEN);

  fact('deploy', 'a deployment of an image to an environment (recorded even when the gate refuses it)', (o) => ({
    path: 'api/v1/deployments',
    fact: { type: 'deployment' },
    json: {
      deploymentId: o.deploymentId,
      environment: o.environment,
      imageDigest: o.image,
      nodes: o.node ?? [],
      configRevision: o.configRepository ? { repository: o.configRepository, sha: o.configSha } : undefined,
      startedAt: o.startedAt,
      by: o.by,
    },
  }))
    .requiredOption('--deployment-id <id>')
    .requiredOption('--environment <env>', 'e.g. site')
    .requiredOption('--image <sha256:...>')
    .option('--node <name>', 'a node deployed to (repeat)', collect)
    .option('--config-repository <repository>', 'e.g. https://github.com/ska-sa/katconfig')
    .option('--config-sha <sha>')
    .requiredOption('--started-at <time>', WHEN)
    .option('--by <who>', 'default: the token name');

  fact('deploy-result', 'the outcome of a deployment', (o) => ({
    path: `api/v1/deployments/${encodeURIComponent(o.deploymentId as string)}/result`,
    fact: { type: 'deployment-result', inPath: { deploymentId: o.deploymentId } },
    json: { outcome: o.outcome, finishedAt: o.finishedAt },
  }))
    .requiredOption('--deployment-id <id>')
    .addOption(new Option('--outcome <outcome>').choices(['succeeded', 'failed']).makeOptionMandatory())
    .requiredOption('--finished-at <time>', WHEN);

  fact('patch', 'a hot-fix patch applied to running nodes', (o) => ({
    path: `api/v1/environments/${encodeURIComponent(o.environment as string)}/patches`,
    fact: { type: 'patch', inPath: { environment: o.environment } },
    json: {
      patchId: o.patchId,
      package: o.package,
      fromVersion: o.from,
      toVersion: o.to,
      nodes: o.node ?? [],
      reason: o.reason,
      appliedAt: o.appliedAt,
      by: o.by,
    },
  }))
    .requiredOption('--environment <env>')
    .requiredOption('--patch-id <id>')
    .requiredOption('--package <name>')
    .requiredOption('--from <version>')
    .requiredOption('--to <version>')
    .option('--node <name>', 'a node patched (repeat)', collect)
    .requiredOption('--reason <why>')
    .requiredOption('--applied-at <time>', WHEN)
    .option('--by <who>', 'default: the token name');

  fact('config', 'a configuration revision applied to an environment', (o) => ({
    path: `api/v1/environments/${encodeURIComponent(o.environment as string)}/config`,
    fact: { type: 'config', inPath: { environment: o.environment } },
    json: { repository: o.repository, sha: o.sha, appliedAt: o.appliedAt },
  }))
    .requiredOption('--environment <env>')
    .requiredOption('--repository <repository>', 'e.g. https://github.com/ska-sa/katconfig')
    .requiredOption('--sha <sha>')
    .requiredOption('--applied-at <time>', WHEN);

  return record;
}

/**
 * A fact the API would refuse for its form (a short sha, `--finished-at now`) is a usage error,
 * found before anything is sent; each problem is named by the option that gives the field.
 */
function refuseBadFact(request: Request, command: Command): void {
  if (!request.fact) return;
  const fields = Object.fromEntries(Object.entries({ ...(request.json as object), ...request.fact.inPath }).filter(([, value]) => value !== undefined));
  const problems = factProblems({ type: request.fact.type, ...fields });
  if (problems.length === 0) return;
  const lines = problems.map((problem) => `  ${optionOf(command, problem)}: ${problem}`);
  throw new CliFailure(EXIT.usage, [`provenance ${command.parent?.name() ?? 'record'} ${command.name()}: nothing was sent, because`, ...lines].join('\n'));
}

/** The option that gives the field a problem starts with: the longest option name the field starts with (`--image` for imageDigest). */
function optionOf(command: Command, problem: string): string {
  const field = /^[A-Za-z]+/.exec(problem)?.[0] ?? '';
  const options = command.options.filter((option) => field.startsWith(option.attributeName()));
  const best = options.sort((a, b) => b.attributeName().length - a.attributeName().length)[0];
  return best?.long ?? field;
}
