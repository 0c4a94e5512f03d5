import { imageProvenanceStatement, signedEnvelope, statementDigest, statementOf, verifiedSignatures } from '@provenance/attestations';
import { ATTESTATION_MAX_MESSAGE_BYTES } from '@provenance/kafka';
import type { ImageFactsView } from '@provenance/projections';
import { newSigningKey } from '@provenance/signing';
import { attestationMessage, DSSE_ENVELOPE_TYPE } from './attestation-message';

const { key } = newSigningKey();
const image = 'd'.repeat(64);
const statement = statementOf([{ name: 'autobuild-2026-11-24-0001.tar.gz', digest: { sha256: image } }], 'https://in-toto.io/attestation/test-result/v0.1', { result: 'PASSED' });

/** An image whose pinned set has `count` in-house requirements, each with its wheel and source commit. */
function imageOf(count: number): ImageFactsView {
  const names = Array.from({ length: count }, (_, n) => `katpackage-${String(n).padStart(3, '0')}`);
  return {
    image: { digest: `sha256:${image}`, name: 'autobuild-2026-11-24-0001.tar.gz', builderId: 'jenkins-bake-3', buildUrl: 'https://jenkins.example/job/bake/5/', bakedAt: '2026-11-24T09:00:00.000Z' },
    pinnedSet: { id: `sha256:${'5'.repeat(64)}`, name: 'site', requirements: names.map((name) => ({ name, version: '10.20.300', url: null, hashes: [] })) },
    builds: names.map((name) => ({
      package: name, version: '10.20.300', repository: `https://github.com/ska-sa/${name}`, sha: 'a1'.repeat(20), outcome: 'passed',
      artifact: { filename: `${name}-10.20.300-py3-none-any.whl`, sha256: 'c'.repeat(64) }, buildUrl: null, builtAgainst: [], finishedAt: '2026-11-24T08:20:00.000Z', commitRecorded: true,
    })),
    aqfRuns: [],
    decisions: [],
    unresolved: [],
  };
}

describe('a signed statement as a message of the attestations topic', () => {
  it('given a statement about an image, then it is keyed by the image digest\'s hex, its envelope the value, its digest, type and key in headers', () => {
    const envelope = signedEnvelope(statement, key);

    const message = attestationMessage(statement, envelope);

    expect(message.key).toBe(image);
    expect(JSON.parse(message.value as string)).toEqual(envelope);
    expect(message.headers).toEqual({
      'content-type': DSSE_ENVELOPE_TYPE,
      'statement-digest': statementDigest(statement),
      'predicate-type': 'https://in-toto.io/attestation/test-result/v0.1',
      keyid: key.keyId,
    });
    expect(verifiedSignatures(JSON.parse(message.value as string), [key])).toEqual([{ keyId: key.keyId }]);
  });

  it('given one statement signed twice with an Ed25519 key, then the two messages are identical (a redelivery is a duplicate by statement-digest)', () => {
    expect(attestationMessage(statement, signedEnvelope(statement, key))).toEqual(attestationMessage(statement, signedEnvelope(statement, key)));
  });

  it('given a statement whose subject has no sha256, then it is refused rather than sent without a key', () => {
    const unkeyed = statementOf([{ uri: 'pkg:pypi/katcomp@1.4.0' }], 'https://slsa.dev/provenance/v1', {});

    expect(() => attestationMessage(unkeyed, signedEnvelope(unkeyed, key))).toThrow('a https://slsa.dev/provenance/v1 statement without a sha256 subject cannot be keyed');
  });

  it('given an image of 150 in-house requirements, then its provenance message is far below the topic limit, under 500 bytes a requirement', () => {
    const sizeOf = (count: number) => {
      const provenance = imageProvenanceStatement(imageOf(count))!;
      return Buffer.byteLength(attestationMessage(provenance, signedEnvelope(provenance, key)).value as string);
    };

    const perRequirement = (sizeOf(150) - sizeOf(0)) / 150;

    expect(sizeOf(150)).toBeLessThan(100 * 1024);
    expect(perRequirement).toBeLessThan(500);
    expect(Math.floor(ATTESTATION_MAX_MESSAGE_BYTES / 500)).toBeGreaterThan(16_000);
  });
});
