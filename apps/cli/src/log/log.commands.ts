import { readFile, rename, writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import {
  leafHash,
  NoteVerifier,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  ProofFailed,
  verifierKeyText,
  verifyConsistency,
  verifyInclusion,
} from '@provenance/transparency';
import { CliFailure, EXIT } from '../exit-codes';
import type { Get, Print } from '../query.commands';
import { auditLog, AuditReport, SavedCheckpoint } from './log-audit';
import { databaseTreeSource, httpTreeSource } from './tree-source';

interface LogContext {
  get: Get;
  print: Print;
  json: () => boolean;
  env: NodeJS.ProcessEnv;
  url: () => string;
}

/** The checkpoints' key: --key (text or a file holding it), PROVENANCE_LOG_VKEY, or (said aloud) the server's own. */
async function verifierOf(context: LogContext, key: string | undefined): Promise<NoteVerifier> {
  const given = key ?? context.env.PROVENANCE_LOG_VKEY;
  if (given) {
    const text = given.includes('+') ? given : await readText(given, '--key');
    try {
      return parseVerifierKey(text);
    } catch (error) {
      throw new CliFailure(EXIT.usage, `--key: ${(error as Error).message}`);
    }
  }
  const served = String(await context.get('api/v1/log/key')).trim();
  console.error(`trusting the server's key ${served}; pin it with --key or PROVENANCE_LOG_VKEY`);
  return parseVerifierKey(served);
}

async function readText(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliFailure(EXIT.usage, `${option} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

function openedCheckpoint(note: string, verifier: NoteVerifier, what: string) {
  try {
    const checkpoint = parseCheckpoint(openNote(note, verifier));
    if (checkpoint.origin !== verifier.name) throw new Error(`it is a checkpoint of ${checkpoint.origin}, not ${verifier.name}`);
    return checkpoint;
  } catch (error) {
    throw new CliFailure(EXIT.refused, `${what} does not verify: ${(error as Error).message}`);
  }
}

function progressBar(done: number, total: number): void {
  if (!process.stderr.isTTY || total === 0) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} leaves${done === total ? '\n' : ''}`);
}

function describeReport(report: AuditReport): string {
  const rate = report.seconds > 0 ? ` (${Math.round(report.leaves / report.seconds)} leaves/s)` : '';
  const lines = [
    `read ${report.leaves} leaves and ${report.checkpoints} checkpoints from ${report.source} in ${report.seconds.toFixed(1)} s${rate}`,
    report.findings.length === 0
      ? `the log is intact: every leaf matches its event, and every checkpoint (latest: ${report.signedSize} leaves) is signed and matches the tree`
      : `TAMPERING FOUND (${report.findings.length}):`,
    ...report.findings.map((finding) => `  ${finding.message}`),
  ];
  return lines.join('\n');
}

export function logCommands(context: LogContext): Command {
  const log = new Command('log').description('check the tamper-evident log: its leaves, signed checkpoints and proofs (auditor role)');

  log
    .command('verify')
    .description('read every leaf and checkpoint, recompute every leaf hash and the whole tree, check every signature and root (exit 1 on tampering)')
    .option('--from-checkpoint <file>', 'a checkpoint saved earlier (GET /api/v1/log/checkpoint): the log must still extend it')
    .option('--key <vkey|file>', "the log's verifier key (GET /api/v1/log/key); default PROVENANCE_LOG_VKEY, else the server's")
    .option('--database', 'read the rows from the database itself (DATABASE_URL, PROVENANCE_SCHEMA) instead of the API')
    .action(async (options: { fromCheckpoint?: string; key?: string; database?: boolean }) => {
      const verifier = await verifierOf(context, options.key);
      let saved: SavedCheckpoint | undefined;
      if (options.fromCheckpoint) saved = openedCheckpoint(await readText(options.fromCheckpoint, '--from-checkpoint'), verifier, `the saved checkpoint ${options.fromCheckpoint}`);
      if (options.database && !context.env.DATABASE_URL) throw new CliFailure(EXIT.usage, '--database needs DATABASE_URL (and PROVENANCE_SCHEMA when not "provenance")');
      const source = options.database
        ? databaseTreeSource(context.env.DATABASE_URL!, context.env.PROVENANCE_SCHEMA ?? 'provenance')
        : httpTreeSource(context.get, context.url());
      let report: AuditReport;
      try {
        report = await auditLog(source, verifier, { saved, progress: context.json() ? undefined : progressBar });
      } finally {
        await source.close();
      }
      if (saved && !options.database && report.signedSize >= saved.treeSize && saved.treeSize > 0) {
        // The server's own proof too: what a witness without the leaves would check.
        const { proof, second } = (await context.get(`api/v1/log/proof/consistency?first=${saved.treeSize}&second=${report.signedSize}`)) as { proof: string[]; second: number };
        const latest = openedCheckpoint(String(await context.get(`api/v1/log/checkpoints/${second}`)), verifier, `checkpoint ${second}`);
        try {
          verifyConsistency(saved.treeSize, second, proof.map((hash) => Buffer.from(hash, 'base64')), saved.rootHash, latest.rootHash);
        } catch (error) {
          report.findings.push({ kind: 'saved-checkpoint', message: `checkpoint ${second} does not extend the saved checkpoint ${saved.treeSize}: ${(error as Error).message}` });
        }
      }
      context.print({ ...report, intact: report.findings.length === 0 }, () => describeReport(report));
      if (report.findings.length > 0) throw new CliFailure(EXIT.refused, `the log was tampered with: ${report.findings[0].message}`);
    });

  log
    .command('prove')
    .description("fetch an event's inclusion proof and the checkpoint it leads to, verify both here, and print them for a report")
    .argument('<event-id>')
    .option('--key <vkey|file>', "the log's verifier key; default PROVENANCE_LOG_VKEY, else the server's")
    .action(async (eventId: string, options: { key?: string }) => {
      const verifier = await verifierOf(context, options.key);
      const answer = (await context.get(`api/v1/log/proof/inclusion?eventId=${encodeURIComponent(eventId)}`)) as {
        leafIndex: number;
        treeSize: number;
        leafHash: string;
        proof: string[];
        checkpoint: string | null;
        event: { streamId: string; revision: string; eventId: string };
      };
      if (!answer.checkpoint) throw new CliFailure(EXIT.refused, `the tree of ${answer.treeSize} leaves has no signed checkpoint yet; try again in a moment`);
      const checkpoint = openedCheckpoint(answer.checkpoint, verifier, 'the checkpoint');
      const [leaf] = (await context.get(`api/v1/log/leaves?start=${answer.leafIndex}&end=${answer.leafIndex + 1}`) as { leaves: { leaf: string | null; hash: string }[] }).leaves;
      if (!leaf?.leaf) throw new CliFailure(EXIT.refused, `event ${eventId} is in the tree at leaf ${answer.leafIndex}, but gone from the log`);
      const hash = leafHash(Buffer.from(leaf.leaf, 'utf8'));
      if (hash.toString('base64') !== answer.leafHash) throw new CliFailure(EXIT.refused, `event ${eventId} no longer matches its leaf hash: it was changed after it was notarised`);
      try {
        verifyInclusion(answer.leafIndex, checkpoint.treeSize, hash, answer.proof.map((node) => Buffer.from(node, 'base64')), checkpoint.rootHash);
      } catch (error) {
        if (error instanceof ProofFailed) throw new CliFailure(EXIT.refused, `the inclusion proof does not verify: ${error.message}`);
        throw error;
      }
      const proven = { verified: true, key: verifierKeyText(verifier), event: answer.event, leafIndex: answer.leafIndex, leaf: leaf.leaf, leafHash: answer.leafHash, treeSize: checkpoint.treeSize, proof: answer.proof, checkpoint: answer.checkpoint };
      context.print(proven, () =>
        [
          `event ${answer.event.eventId} (stream ${answer.event.streamId}, revision ${answer.event.revision}) is leaf ${answer.leafIndex} of the signed tree of ${checkpoint.treeSize} leaves: verified`,
          `leaf: ${leaf.leaf}`,
          `leaf hash: ${answer.leafHash}`,
          'audit path (RFC 9162 §2.1.3):',
          ...answer.proof.map((node) => `  ${node}`),
          `checkpoint (key ${verifierKeyText(verifier)}):`,
          answer.checkpoint!.trimEnd(),
        ].join('\n'),
      );
    });

  log
    .command('watch')
    .description('a witness: remember the last checkpoint seen in --state, and check each new one extends it (exit 1 on a split view or a rewrite)')
    .requiredOption('--state <file>', 'where the last checkpoint seen (and the key) are kept between runs')
    .option('--key <vkey|file>', "the log's verifier key; default the one in --state, PROVENANCE_LOG_VKEY, else the server's")
    .option('--interval <seconds>', 'how often to look', (value) => {
      const seconds = Number(value);
      if (!(seconds >= 1)) throw new InvalidArgumentError('--interval must be at least 1 second');
      return seconds;
    }, 10)
    .option('--once', 'look once and exit (for cron)')
    .action(async (options: { state: string; key?: string; interval: number; once?: boolean }) => {
      const state = await readState(options.state);
      const verifier = options.key || !state ? await verifierOf(context, options.key) : parseVerifierKey(state.key);
      let held = state ? openedCheckpoint(state.checkpoint, verifier, `the checkpoint in ${options.state}`) : undefined;
      for (;;) {
        const note = String(await context.get('api/v1/log/checkpoint'));
        const latest = openedCheckpoint(note, verifier, 'the latest checkpoint');
        if (held) {
          if (latest.treeSize < held.treeSize) throw new CliFailure(EXIT.refused, `the log shrank: it now shows ${latest.treeSize} leaves, after ${held.treeSize} were signed: a rewrite`);
          if (latest.treeSize === held.treeSize && !latest.rootHash.equals(held.rootHash)) {
            throw new CliFailure(EXIT.refused, `two different signed roots for ${held.treeSize} leaves: a split view`);
          }
          if (latest.treeSize > held.treeSize) {
            const { proof } = (await context.get(`api/v1/log/proof/consistency?first=${held.treeSize}&second=${latest.treeSize}`)) as { proof: string[] };
            try {
              verifyConsistency(held.treeSize, latest.treeSize, proof.map((hash) => Buffer.from(hash, 'base64')), held.rootHash, latest.rootHash);
            } catch (error) {
              throw new CliFailure(EXIT.refused, `checkpoint ${latest.treeSize} does not extend checkpoint ${held.treeSize} held since then: ${(error as Error).message}`);
            }
          }
        }
        if (!held || latest.treeSize !== held.treeSize) {
          await writeState(options.state, { key: verifierKeyText(verifier), checkpoint: note });
          context.print({ consistent: true, treeSize: latest.treeSize, from: held?.treeSize ?? null }, () =>
            held ? `checkpoint ${latest.treeSize} extends checkpoint ${held.treeSize}: consistent` : `holding checkpoint ${latest.treeSize} (first seen)`,
          );
        }
        held = latest;
        if (options.once) return;
        await new Promise((resolve) => setTimeout(resolve, options.interval * 1000));
      }
    });
  return log;
}

interface WatchState {
  key: string;
  checkpoint: string;
}

async function readState(path: string): Promise<WatchState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliFailure(EXIT.usage, `--state ${path}: ${(error as Error).message}`);
  }
  const state = JSON.parse(text) as Partial<WatchState>;
  if (typeof state.key !== 'string' || typeof state.checkpoint !== 'string') throw new CliFailure(EXIT.usage, `--state ${path} is not a state this command wrote`);
  return state as WatchState;
}

async function writeState(path: string, state: WatchState): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify(state, null, 2));
  await rename(`${path}.tmp`, path);
}
