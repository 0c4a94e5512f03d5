import { createHash } from 'node:crypto';
import { DEFAULT_PIPELINE } from '@provenance/domain';
import { newSigningKey } from '@provenance/signing';
import { checkpointText, noteVerifierOf, signNote } from '@provenance/transparency';
import { bundleOf } from './bundle';
import { signedEnvelope } from './dsse';
import { DEMO_IMAGE, demoImageFacts, demoSiteView } from './demo-facts.fixture';
import { imageStatements } from './image-statements';
import { LOG_FIELD, LogReference, logReferenceOf, withLogReference } from './log-reference';
import { releasePolicyOf } from './release-verdict.statement';
import { runsWhereStatement } from './runs-where.statement';
import { verifyBundle } from './verify-bundle';

const ORIGIN = 'camlab.kat.ac.za/release-provenance/log';
const attestationKey = newSigningKey().key;
const logKey = newSigningKey().key;
const logVerifier = noteVerifierOf(ORIGIN, logKey.publicKey);
const ROOT = createHash('sha256').update('the tree of 1234 leaves').digest();

function checkpointSignedBy(key: typeof logKey, treeSize = 1234): string {
  return signNote(checkpointText({ origin: ORIGIN, treeSize, rootHash: ROOT }), ORIGIN, (message) => key.sign(message), key.publicKey);
}

/** The demo's site bundle as the API makes it: every statement naming `log`, the top one resting on the others by digest. */
function siteBundle(log: LogReference | undefined): string {
  const rest = imageStatements(demoImageFacts(), releasePolicyOf(DEFAULT_PIPELINE), DEMO_IMAGE, log);
  const top = withLogReference(runsWhereStatement(demoSiteView(), rest)!, log);
  return bundleOf([top, ...rest].map((statement) => signedEnvelope(statement, attestationKey)));
}

const failed = (verdict: ReturnType<typeof verifyBundle>) => verdict.checks.filter((check) => !check.ok).map((check) => check.what);
const said = (verdict: ReturnType<typeof verifyBundle>) => verdict.checks.map((check) => check.what);

describe('statements naming the log checkpoint that holds their facts', () => {
  it('given a checkpoint signed by the log, when it is read into a reference, then the reference names its origin, size and root', () => {
    expect(logReferenceOf(checkpointSignedBy(logKey))).toEqual({ origin: ORIGIN, treeSize: 1234, rootHash: ROOT.toString('base64'), checkpoint: checkpointSignedBy(logKey) });
  });

  it('given every statement of the site bundle names the checkpoint, when verified with the log key, then the chain still closes and one check says the log signed it', () => {
    const verdict = verifyBundle(siteBundle(logReferenceOf(checkpointSignedBy(logKey))), [attestationKey], { logKey: logVerifier });

    expect(failed(verdict)).toEqual([]);
    expect(said(verdict)).toEqual(expect.arrayContaining([
      'line 1 (what runs where of autobuild-2026-11-24-0001.tar.gz): the 15 statements it rests on are in the bundle, digests matching',
      `all 16 statements rest on facts in the log's first 1234 leaves: checkpoint signed by ${ORIGIN}`,
    ]));
  });

  it('given no log key, then the reference is read and said to be unchecked', () => {
    const verdict = verifyBundle(siteBundle(logReferenceOf(checkpointSignedBy(logKey))), [attestationKey]);

    expect(verdict.ok).toBe(true);
    expect(said(verdict)).toContain("all 16 statements rest on facts in the log's first 1234 leaves: checkpoint read, its signature not checked (give --log-key)");
  });

  it('given a checkpoint signed by another key, when verified with the log key, then that check fails naming the log', () => {
    const verdict = verifyBundle(siteBundle(logReferenceOf(checkpointSignedBy(newSigningKey().key))), [attestationKey], { logKey: logVerifier });

    expect(failed(verdict)).toEqual([expect.stringMatching(new RegExp(`^all 16 statements: the log's checkpoint they name does not hold: its checkpoint is not signed by ${ORIGIN}`))]);
  });

  it('given a reference whose size is not its checkpoint\'s (statements signed anew), then verify says both', () => {
    const reference = { ...logReferenceOf(checkpointSignedBy(logKey)), treeSize: 99 };

    const verdict = verifyBundle(siteBundle(reference), [attestationKey], { logKey: logVerifier });

    expect(failed(verdict)).toEqual([expect.stringContaining(`${LOG_FIELD} says ${ORIGIN} at size 99, root ${ROOT.toString('base64')}; its checkpoint says ${ORIGIN} at size 1234`)]);
  });

  it('given statements naming no checkpoint, when verified with the log key, then that is a failure; without it, nothing is said', () => {
    expect(failed(verifyBundle(siteBundle(undefined), [attestationKey], { logKey: logVerifier }))).toEqual([`none of the 16 statements names a checkpoint of the log ${ORIGIN}`]);
    expect(said(verifyBundle(siteBundle(undefined), [attestationKey])).filter((what) => what.includes('leaves'))).toEqual([]);
  });
});
