import { DEFAULT_PIPELINE } from '@provenance/domain';
import { newSigningKey } from '@provenance/signing';
import { bundleOf } from './bundle';
import { Envelope, signedEnvelope } from './dsse';
import { DEMO_IMAGE, demoImageFacts, demoSiteView } from './demo-facts.fixture';
import { imageStatements } from './image-statements';
import { releasePolicyOf } from './release-verdict.statement';
import { runsWhereStatement } from './runs-where.statement';
import { verifyBundle } from './verify-bundle';

const { key } = newSigningKey();
const rest = imageStatements(demoImageFacts(), releasePolicyOf(DEFAULT_PIPELINE), DEMO_IMAGE);
const envelopes = [runsWhereStatement(demoSiteView(), rest)!, ...rest].map((statement) => signedEnvelope(statement, key));
const image = { name: 'autobuild-2026-11-24-0001.tar.gz', sha256: DEMO_IMAGE.slice(7) };
const failed = (verdict: ReturnType<typeof verifyBundle>) => verdict.checks.filter((check) => !check.ok).map((check) => check.what);

/** The envelope with one byte of its decoded `field` flipped. */
function flipped(envelope: Envelope, field: 'payload' | 'sig'): Envelope {
  const bytes = Buffer.from(field === 'payload' ? envelope.payload : envelope.signatures[0].sig, 'base64');
  bytes[10] ^= 0x01;
  return field === 'payload' ? { ...envelope, payload: bytes.toString('base64') } : { ...envelope, signatures: [{ ...envelope.signatures[0], sig: bytes.toString('base64') }] };
}

describe('verifying a bundle offline', () => {
  it('given the demo\'s site bundle, its key, the image file and a source commit in it, then every check passes', () => {
    const verdict = verifyBundle(bundleOf(envelopes), [key], { artifact: image, source: 'https://github.com/ska-sa/katcomp@cf1e00b' });

    expect(failed(verdict)).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.checks.map((check) => check.what)).toEqual(expect.arrayContaining([
      'line 1 (what runs where of autobuild-2026-11-24-0001.tar.gz): the 15 statements it rests on are in the bundle, digests matching',
      'artifact autobuild-2026-11-24-0001.tar.gz: its sha256 is the subject of line 1 (what runs where of autobuild-2026-11-24-0001.tar.gz)',
      'source https://github.com/ska-sa/katcomp@cf1e00b: the image was built from git+https://github.com/ska-sa/katcomp@cf1e00b3dbf06308f7d81ef93f9bae8a3e5367b9',
    ]));
  });

  it('given one byte of a payload flipped, then its signature fails and the statement it was is missing from the chain', () => {
    const verdict = verifyBundle(bundleOf([envelopes[0], flipped(envelopes[1], 'payload'), ...envelopes.slice(2)]), [key]);

    expect(verdict.ok).toBe(false);
    expect(failed(verdict)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^line 2 .*: signature does not verify with the given key/),
      expect.stringMatching(/^line 1 \(what runs where .*\): rests on statements not in the bundle \(or changed\): https:\/\/slsa.dev\/provenance\/v1 sha256:/),
    ]));
  });

  it('given one byte of a signature flipped, then that line\'s signature fails, and what rests on it is not taken on trust', () => {
    const verdict = verifyBundle(bundleOf([...envelopes.slice(0, 3), flipped(envelopes[3], 'sig'), ...envelopes.slice(4)]), [key]);

    expect(failed(verdict)).toEqual([
      expect.stringMatching(/^line 4 \(package build provenance of katconf-0\.7\.9-py3-none-any\.whl\): signature does not verify/),
      expect.stringMatching(/^line 1 .*: rests on statements not in the bundle/),
    ]);
  });

  it('given another file than the image, then the artifact check fails naming both digests', () => {
    const verdict = verifyBundle(bundleOf(envelopes), [key], { artifact: { name: image.name, sha256: 'b'.repeat(64) } });

    expect(failed(verdict)).toEqual([`artifact ${image.name}: its sha256 ${'b'.repeat(64)} is not the subject of line 1 (what runs where of ${image.name}) (sha256:${image.sha256})`]);
  });

  it('given a source commit the image was not built from, or another key, then that is what fails', () => {
    expect(failed(verifyBundle(bundleOf(envelopes), [key], { source: 'katcomp@0000000' }))).toEqual(['source katcomp@0000000: not among the image\'s source commits']);
    expect(verifyBundle(bundleOf(envelopes), [newSigningKey().key]).checks.filter((check) => !check.ok)).toHaveLength(envelopes.length);
  });

  it('given a bundle missing a statement another rests on, then the chain does not close', () => {
    const verdict = verifyBundle(bundleOf(envelopes.filter((_, n) => n !== 13)), [key]);

    expect(failed(verdict)).toEqual([
      expect.stringMatching(/^line 1 .*: rests on statements not in the bundle/),
      expect.stringMatching(/^line 15 \(release verdict .*\): rests on statements not in the bundle/),
    ]);
  });

  it('given an empty file, then nothing is verified', () => {
    expect(verifyBundle('', [key])).toEqual({ ok: false, checks: [{ ok: false, what: 'the bundle holds no envelopes' }] });
  });
});
