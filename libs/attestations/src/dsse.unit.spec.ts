import { generateKeyPairSync } from 'node:crypto';
import { newSigningKey, signingKeyOf } from '@provenance/signing';
import { bundleLines, bundleOf } from './bundle';
import { envelopeOf, pae, signedEnvelope, verifiedSignatures } from './dsse';
import { statementOf } from './statement';

const statement = statementOf([{ name: 'x.tar.gz', digest: { sha256: 'a'.repeat(64) } }], 'https://example.com/p', { n: 1 });

describe('DSSE envelopes', () => {
  it('given the DSSE spec\'s example, when pre-authentication encoded, then the bytes are the spec\'s', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('given a payload of multi-byte characters, when encoded, then its length is counted in bytes', () => {
    expect(pae('t', Buffer.from('é')).toString()).toBe('DSSEv1 1 t 2 é');
  });

  it.each([
    ['Ed25519', newSigningKey().key],
    ['ECDSA P-256', signingKeyOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)],
  ])('given an %s key, when a statement is signed, then its key verifies the envelope and another key does not', (_, key) => {
    const envelope = signedEnvelope(statement, key);

    expect(envelope).toMatchObject({ payloadType: 'application/vnd.in-toto+json', signatures: [{ keyid: key.keyId }] });
    expect(verifiedSignatures(envelope, [key])).toEqual([{ keyId: key.keyId }]);
    const other = newSigningKey().key;
    expect(verifiedSignatures(envelope, [other])).toEqual([]);
    expect(verifiedSignatures({ ...envelope, signatures: [{ keyid: '', sig: envelope.signatures[0].sig }] }, [other, key])).toEqual([{ keyId: key.keyId }]);
  });

  it('given an Ed25519 key, when one statement is signed twice, then the envelopes are byte-identical (redelivery is harmless)', () => {
    const { key } = newSigningKey();

    expect(JSON.stringify(signedEnvelope(statement, key))).toBe(JSON.stringify(signedEnvelope(statement, key)));
  });

  it('given envelopes, when written as a bundle and read back, then each line is an envelope; broken lines are named', () => {
    const { key } = newSigningKey();
    const envelopes = [signedEnvelope(statement, key), envelopeOf(Buffer.from('{}'), key)];

    expect(bundleLines(bundleOf(envelopes))).toEqual(envelopes.map((envelope, n) => ({ line: n + 1, envelope })));
    expect(bundleLines('nope\n{"payloadType":"x","payload":"!!","signatures":[]}\n')).toEqual([
      { line: 1, problem: 'is not JSON' },
      { line: 2, problem: 'has no base64 payload' },
    ]);
  });
});
