import { Command } from 'commander';
import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TrustedKey, Verdict, verifyBundle } from '@provenance/attestations';
import { keyIdOf } from '@provenance/signing';
import { NoteVerifier, parseVerifierKey } from '@provenance/transparency';
import { CliFailure, EXIT } from '../exit-codes';
import { sha256OfFile } from '../file-digest';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `provenance verify`: a bundle checked with nothing but files, no server: every signature,
 * the statements' field rules, the chain, the log checkpoint the statements name, and
 * optionally the artifact and a source commit.
 */
export function verifyCommand(json: () => boolean): Command {
  return new Command('verify')
    .description('check a signed bundle offline: signatures, statements, the chain, and optionally the image file and a source commit')
    .argument('<bundle>', 'an in-toto bundle (.intoto.jsonl) from `provenance attest`')
    .requiredOption('--key <pem>', 'a public key (PEM) from /api/v1/attestations/keys; repeat for keys from before a rotation', collect)
    .option('--artifact <file>', 'the image file: its sha256 must be the statement\'s subject')
    .option('--source <repository@sha>', 'a source commit that must be among the image\'s dependencies (a sha prefix of 7 or more will do)')
    .option('--log-key <vkey|file>', "the tamper-evident log's verifier key (GET /api/v1/log/key): every statement must name a checkpoint the log signed")
    .addHelpText(
      'after',
      [
        '',
        'Each statement names the log checkpoint whose tree holds the facts it rests on (predicate field releaseProvenance_log).',
        'With --log-key its signature is checked; keep the checkpoint, and `provenance log verify --from-checkpoint` later proves nothing before it changed.',
        '',
        'Exit codes: 0 every check passed, 1 a check failed (named), 2 usage (a file that cannot be read).',
        '',
        'Example:',
        '  provenance verify site.intoto.jsonl --key pub.pem --log-key "$(cat log.vkey)" --artifact autobuild-2026-11-24-0001.tar.gz --source katcomp@cf1e00b',
      ].join('\n'),
    )
    .action(async (bundle: string, o: { key: string[]; artifact?: string; source?: string; logKey?: string }) => {
      const keys = await Promise.all(o.key.map(trustedKeyIn));
      const logKey = o.logKey === undefined ? undefined : await logKeyIn(o.logKey);
      const text = await readable(bundle, () => readFile(bundle, 'utf8'));
      const artifact = o.artifact ? await readable(o.artifact, () => sha256OfFile(o.artifact!)) : undefined;
      const verdict = verifyBundle(text, keys, { artifact, source: o.source, logKey });
      console.log(json() ? JSON.stringify(verdict, null, 2) : describeVerdict(verdict));
      if (!verdict.ok) throw new CliFailure(EXIT.notVerified, '');
    });
}

export function describeVerdict(verdict: Verdict): string {
  const failed = verdict.checks.filter((check) => !check.ok);
  const lines = verdict.checks.map((check) => `${check.ok ? 'ok     ' : 'FAILED '} ${check.what}`);
  lines.push('', failed.length === 0
    ? `VERIFIED: all ${verdict.checks.length} checks passed`
    : `NOT VERIFIED: ${failed.length} of ${verdict.checks.length} checks failed:\n${failed.map((check) => `  - ${check.what}`).join('\n')}`);
  return lines.join('\n');
}

async function trustedKeyIn(path: string): Promise<TrustedKey> {
  const pem = await readable(path, () => readFile(path));
  try {
    const publicKey = createPublicKey(pem);
    return { keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  } catch {
    throw new CliFailure(EXIT.usage, `--key ${path} is not a PEM public key (fetch one from /api/v1/attestations/keys)`);
  }
}

/** The log's verifier key as text (`<origin>+<id>+<key>`) or a file holding it. */
async function logKeyIn(given: string): Promise<NoteVerifier> {
  const text = given.includes('+') ? given : await readable(given, () => readFile(given, 'utf8'));
  try {
    return parseVerifierKey(text.trim());
  } catch (error) {
    throw new CliFailure(EXIT.usage, `--log-key: ${(error as Error).message} (fetch it from /api/v1/log/key)`);
  }
}

async function readable<T>(path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new CliFailure(EXIT.usage, `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
