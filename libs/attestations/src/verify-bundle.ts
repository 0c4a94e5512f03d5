import type { NoteVerifier } from '@provenance/transparency';
import { bundleLines } from './bundle';
import { TrustedKey, verifiedSignatures } from './dsse';
import { LOG_FIELD, logReferenceProblem } from './log-reference';
import { digestOfBytes } from './statement';
import { statementProblems } from './statement-rules';
import { IN_TOTO_PAYLOAD_TYPE, URIS } from './uris';

export interface VerifyOptions {
  /** The file the auditor holds: its sha256 must be a subject of the bundle's top statement. */
  artifact?: { name: string; sha256: string };
  /** A source commit that must be among the image's dependencies: `<repository>@<sha>` (a sha prefix of 7 or more will do). */
  source?: string;
  /** The tamper-evident log's key: every statement must name a checkpoint it signed. */
  logKey?: NoteVerifier;
}

export interface Check {
  ok: boolean;
  what: string;
}

export interface Verdict {
  ok: boolean;
  checks: Check[];
}

interface Read {
  line: number;
  digest: string;
  statement: Record<string, unknown> & { subject: { name?: string; digest: Record<string, string> }[]; predicateType: string; predicate: Record<string, unknown> };
  label: string;
}

type Descriptor = { uri?: string; name?: string; digest?: Record<string, string> };

/**
 * Checks a bundle with nothing but public keys: every envelope's signature, every statement
 * against the specs' field rules, that the chain closes (each statement a statement rests on is
 * in the bundle, matching by digest), and optionally the artifact and a source commit. Pure.
 */
export function verifyBundle(text: string, keys: TrustedKey[], options: VerifyOptions = {}): Verdict {
  const checks: Check[] = [];
  const check = (ok: boolean, what: string) => checks.push({ ok, what });
  const read: Read[] = [];
  const lines = bundleLines(text);
  if (lines.length === 0) check(false, 'the bundle holds no envelopes');
  for (const entry of lines) {
    if ('problem' in entry) {
      check(false, `line ${entry.line} ${entry.problem}`);
      continue;
    }
    const { envelope, line } = entry;
    const payload = Buffer.from(envelope.payload, 'base64');
    const statement = parsed(payload);
    const label = `line ${line} (${labelOf(statement)})`;
    if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) check(false, `${label}: payloadType is ${envelope.payloadType}, not ${IN_TOTO_PAYLOAD_TYPE}`);
    const verified = verifiedSignatures(envelope, keys);
    check(verified.length > 0, verified.length > 0
      ? `${label}: signature verifies with key ${verified[0].keyId.slice(0, 16)}`
      : `${label}: signature does not verify with ${keys.length === 1 ? 'the given key' : `any of the ${keys.length} given keys`} (keyid ${envelope.signatures.map((s) => s.keyid.slice(0, 16) || '""').join(', ')})`);
    const problems = statementProblems(statement);
    check(problems.length === 0, problems.length === 0 ? `${label}: a valid in-toto Statement v1` : `${label}: not a valid statement: ${problems.slice(0, 5).join('; ')}`);
    if (problems.length === 0 && verified.length > 0) read.push({ line, digest: digestOfBytes(payload), statement: statement as Read['statement'], label });
  }
  checkChain(read, check);
  checkLogReferences(read, options.logKey, check);
  const top = read.find((one) => one.statement.predicateType === URIS.runsWhere) ?? read.find(isImageProvenance);
  if (options.artifact) checkArtifact(top, options.artifact, check);
  if (options.source) checkSource(read.find(isImageProvenance), options.source, check);
  return { ok: checks.every((one) => one.ok), checks };
}

function checkChain(read: Read[], check: (ok: boolean, what: string) => void): void {
  const digests = new Set(read.map((one) => one.digest));
  for (const { statement, label } of read) {
    const inputs = (statement.predicate.inputAttestations ?? statement.predicate.restsOn ?? []) as Descriptor[];
    const missing = inputs.filter((input) => !digests.has(input.digest?.sha256 ?? ''));
    if (inputs.length > 0 || missing.length > 0) {
      check(missing.length === 0, missing.length === 0
        ? `${label}: the ${inputs.length} statements it rests on are in the bundle, digests matching`
        : `${label}: rests on statements not in the bundle (or changed): ${missing.map((input) => `${input.name ?? ''} sha256:${input.digest?.sha256 ?? '?'}`).join(', ')}`);
    }
  }
  const image = read.find(isImageProvenance);
  if (!image) return;
  const imageDigest = image.statement.subject[0].digest.sha256;
  const dependencies = new Set(((image.statement.predicate.buildDefinition as { resolvedDependencies?: Descriptor[] }).resolvedDependencies ?? []).map((d) => d.digest?.sha256));
  for (const { statement, label } of read) {
    if (statement === image.statement) continue;
    const subject = statement.subject[0].digest.sha256;
    const isPackageBuild = (statement.predicate.buildDefinition as { buildType?: string } | undefined)?.buildType === URIS.packageBuild;
    if (isPackageBuild) check(dependencies.has(subject), dependencies.has(subject) ? `${label}: its artifact is one the image was baked from` : `${label}: its artifact sha256:${subject} is not among the image's dependencies`);
    else check(subject === imageDigest, subject === imageDigest ? `${label}: about the same image` : `${label}: about image sha256:${subject}, not the image's sha256:${imageDigest}`);
  }
}

/** Statements naming the log's checkpoint, one check per checkpoint; with the log's key, every statement must name one it signed. */
function checkLogReferences(read: Read[], logKey: NoteVerifier | undefined, check: (ok: boolean, what: string) => void): void {
  const byCheckpoint = new Map<string, Read[]>();
  for (const one of read) {
    const reference = one.statement.predicate[LOG_FIELD] as { checkpoint?: unknown } | undefined;
    if (reference === undefined) continue;
    const key = typeof reference?.checkpoint === 'string' ? reference.checkpoint : '';
    byCheckpoint.set(key, [...(byCheckpoint.get(key) ?? []), one]);
  }
  for (const statements of byCheckpoint.values()) {
    const reference = statements[0].statement.predicate[LOG_FIELD] as { treeSize: number };
    const problem = logReferenceProblem(reference, logKey);
    const which = statements.length === read.length ? `all ${read.length} statements` : statements.map((one) => one.label).join(', ');
    check(problem === null, problem
      ? `${which}: the log's checkpoint they name does not hold: ${problem}`
      : `${which} rest on facts in the log's first ${reference.treeSize} leaves: checkpoint ${logKey ? `signed by ${logKey.name}` : 'read, its signature not checked (give --log-key)'}`);
  }
  const without = read.filter((one) => one.statement.predicate[LOG_FIELD] === undefined);
  if (logKey && without.length > 0) {
    check(false, without.length === read.length
      ? `none of the ${read.length} statements names a checkpoint of the log ${logKey.name}`
      : `${without.map((one) => one.label).join(', ')}: no checkpoint of the log ${logKey.name} named`);
  }
}

function checkArtifact(top: Read | undefined, artifact: { name: string; sha256: string }, check: (ok: boolean, what: string) => void): void {
  if (!top) {
    check(false, `artifact ${artifact.name}: the bundle has no verified image statement to compare it with`);
    return;
  }
  const subject = top.statement.subject.find((one) => one.digest.sha256 === artifact.sha256);
  check(Boolean(subject), subject
    ? `artifact ${artifact.name}: its sha256 is the subject of ${top.label}`
    : `artifact ${artifact.name}: its sha256 ${artifact.sha256} is not the subject of ${top.label} (${top.statement.subject.map((one) => `sha256:${one.digest.sha256}`).join(', ')})`);
}

function checkSource(image: Read | undefined, source: string, check: (ok: boolean, what: string) => void): void {
  const at = source.lastIndexOf('@');
  const [repository, sha] = at > 0 ? [source.slice(0, at), source.slice(at + 1).toLowerCase()] : ['', ''];
  if (!repository || sha.length < 7) {
    check(false, `source ${source}: give it as <repository>@<sha> with 7 or more hex digits`);
    return;
  }
  const dependencies = image ? ((image.statement.predicate.buildDefinition as { resolvedDependencies?: Descriptor[] }).resolvedDependencies ?? []) : [];
  const found = dependencies.find((d) => d.digest?.gitCommit?.startsWith(sha) && sameRepository(d.uri ?? '', repository));
  check(Boolean(found), found
    ? `source ${source}: the image was built from ${found.uri}`
    : image ? `source ${source}: not among the image's source commits` : `source ${source}: the bundle has no verified image provenance`);
}

/** `git+https://github.com/ska-sa/katcomp@<sha>` matches the repository as given in full or by its last path segment. */
function sameRepository(uri: string, repository: string): boolean {
  const recorded = uri.replace(/^git\+/, '').replace(/@[0-9a-f]+$/, '');
  return recorded === repository || recorded.endsWith(`/${repository}`);
}

const isImageProvenance = (one: Read) => (one.statement.predicate.buildDefinition as { buildType?: string } | undefined)?.buildType === URIS.bakeImage;

function parsed(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
}

function labelOf(statement: unknown): string {
  const s = statement as { predicateType?: unknown; subject?: { name?: unknown }[]; predicate?: { buildDefinition?: { buildType?: unknown } } } | null;
  if (!s || typeof s !== 'object') return 'payload is not JSON';
  const kind = KINDS[String(s.predicate?.buildDefinition?.buildType)] ?? KINDS[String(s.predicateType)] ?? String(s.predicateType);
  const name = Array.isArray(s.subject) && typeof s.subject[0]?.name === 'string' ? ` of ${s.subject[0].name}` : '';
  return `${kind}${name}`;
}

const KINDS: Record<string, string> = {
  [URIS.bakeImage]: 'image provenance',
  [URIS.packageBuild]: 'package build provenance',
  [URIS.testResult]: 'AQF result',
  [URIS.verificationSummary]: 'release verdict',
  [URIS.runsWhere]: 'what runs where',
};
