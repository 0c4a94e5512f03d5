import { leafHash, NoteVerifier, openNote, parseCheckpoint, TreeFrontier } from '@provenance/transparency';
import type { SourceCheckpoint, TreeSource } from './tree-source';

const PAGE = 1000;

export interface AuditFinding {
  kind: 'leaf' | 'checkpoint' | 'saved-checkpoint';
  message: string;
}

export interface AuditReport {
  source: string;
  leaves: number;
  checkpoints: number;
  /** The latest signed checkpoint's size (0: none). */
  signedSize: number;
  findings: AuditFinding[];
  seconds: number;
}

export interface SavedCheckpoint {
  treeSize: number;
  rootHash: Buffer;
}

/**
 * Reads every leaf and every checkpoint, recomputes each leaf hash from the event as the log
 * holds it now and the whole tree from those hashes (never from the stored nodes), and checks
 * each checkpoint's signature and root against the rebuilt tree, and a checkpoint saved earlier.
 * Finds the first leaf whose event no longer matches its hash, and each checkpoint that the
 * events no longer produce.
 */
export async function auditLog(
  source: TreeSource,
  verifier: NoteVerifier,
  options: { saved?: SavedCheckpoint; progress?: (done: number, total: number) => void } = {},
): Promise<AuditReport> {
  const started = Date.now();
  const findings: AuditFinding[] = [];
  const checkpoints = await allCheckpoints(source);
  const expected = new Map<number, { root: Buffer; what: string; kind: AuditFinding['kind'] }>();
  for (const checkpoint of checkpoints) {
    try {
      const body = parseCheckpoint(openNote(checkpoint.note, verifier));
      if (body.origin !== verifier.name || body.treeSize !== checkpoint.treeSize) throw new Error(`it says ${body.origin} at size ${body.treeSize}`);
      expected.set(body.treeSize, { root: body.rootHash, what: `checkpoint ${body.treeSize}`, kind: 'checkpoint' });
    } catch (error) {
      findings.push({ kind: 'checkpoint', message: `checkpoint ${checkpoint.treeSize} is not validly signed by ${verifier.name}: ${(error as Error).message}` });
    }
  }
  const signedSize = Math.max(0, ...[...expected.keys()]);
  const treeSize = Math.max(await source.treeSize(), signedSize, options.saved?.treeSize ?? 0);
  const frontier = TreeFrontier.empty();
  let firstBadLeaf: AuditFinding | undefined;
  const compare = (size: number) => {
    const saved = options.saved && options.saved.treeSize === size ? options.saved : undefined;
    const checks = [expected.get(size), saved && { root: saved.rootHash, what: `the saved checkpoint (size ${size})`, kind: 'saved-checkpoint' as const }];
    for (const check of checks) {
      if (check && !check.root.equals(frontier.root())) {
        findings.push({
          kind: check.kind,
          message: `${check.what} does not match the tree rebuilt from the log's events: an event before leaf ${size} was changed, removed or reordered, or the tree was rewritten`,
        });
      }
    }
  };
  const pageAt = (start: number) => (start < treeSize ? source.leaves(start, Math.min(start + PAGE, treeSize)) : Promise.resolve([]));
  let next = pageAt(0);
  for (let start = 0; start < treeSize; start += PAGE) {
    const page = await next;
    // The next page is read while this one is hashed: the source's work and ours overlap.
    next = pageAt(start + PAGE);
    next.catch(() => undefined); // observed when awaited
    for (let i = 0; i < Math.min(PAGE, treeSize - start); i++) {
      const index = start + i;
      const leaf = page[i]?.index === index ? page[i] : page.find((candidate) => candidate.index === index);
      if (!leaf) {
        firstBadLeaf ??= { kind: 'leaf', message: `leaf ${index} is missing from the tree` };
        frontier.append(Buffer.alloc(32));
      } else if (leaf.leaf === null) {
        firstBadLeaf ??= { kind: 'leaf', message: `leaf ${index}: the event is gone from the log (stream ${leaf.streamId}, revision ${leaf.revision}, event ${leaf.eventId})` };
        frontier.append(leaf.hash);
      } else {
        const hash = leafHash(leaf.leaf);
        if (!hash.equals(leaf.hash)) {
          firstBadLeaf ??= {
            kind: 'leaf',
            message: `leaf ${index}: the event no longer matches its hash (stream ${leaf.streamId}, revision ${leaf.revision}, event ${leaf.eventId})`,
          };
        }
        frontier.append(hash);
      }
      compare(frontier.size);
    }
    options.progress?.(Math.min(start + PAGE, treeSize), treeSize);
  }
  if (options.saved && options.saved.treeSize > treeSize) {
    findings.push({ kind: 'saved-checkpoint', message: `the saved checkpoint has ${options.saved.treeSize} leaves; the log now has ${treeSize}: it was cut short` });
  }
  if (firstBadLeaf) findings.unshift(firstBadLeaf);
  return { source: source.name, leaves: treeSize, checkpoints: checkpoints.length, signedSize, findings, seconds: (Date.now() - started) / 1000 };
}

async function allCheckpoints(source: TreeSource): Promise<SourceCheckpoint[]> {
  const all: SourceCheckpoint[] = [];
  for (let from = 0; ; ) {
    const page = await source.checkpoints(from, PAGE);
    all.push(...page);
    if (page.length < PAGE) return all;
    from = page[page.length - 1].treeSize + 1;
  }
}
