import { generateKeyPairSync } from 'node:crypto';
import { newSigningKey, signatureVerifies, signingKeyFromPem, signingKeyOf } from './signing-key';

const message = Buffer.from('DSSEv1 28 application/vnd.in-toto+json 2 {}');

describe('signing keys', () => {
  it.each([
    ['Ed25519', 'ed25519', generateKeyPairSync('ed25519').privateKey],
    ['ECDSA P-256', 'ecdsa-p256', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
  ])('given an %s key, when it signs, then its public key verifies the signature and nothing else', (_, algorithm, privateKey) => {
    const key = signingKeyOf(privateKey);

    const signature = key.sign(message);

    expect(key.algorithm).toBe(algorithm);
    expect(signatureVerifies(key.publicKeyPem, message, signature)).toBe(true);
    expect(signatureVerifies(key.publicKeyPem, Buffer.concat([message, Buffer.from(' ')]), signature)).toBe(false);
    expect(signatureVerifies(newSigningKey().key.publicKey, message, signature)).toBe(false);
  });

  it('given one key read twice from its PEM, when named, then both have one key id, and another key has another', () => {
    const { key, pem } = newSigningKey();

    expect(signingKeyFromPem(pem).keyId).toBe(key.keyId);
    expect(key.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(newSigningKey().key.keyId).not.toBe(key.keyId);
  });

  it.each([
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey, 'is a rsa key; use Ed25519 or ECDSA P-256'],
    ['a P-384 key', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey, 'is an EC key on secp384r1; use Ed25519 or ECDSA P-256'],
  ])('given %s, when it is to sign, then it is refused naming the kinds that can', (_, privateKey, reason) => {
    expect(() => signingKeyOf(privateKey)).toThrow(reason);
  });

  it('given text that is not a PEM private key, when read, then it is refused with how to make one', () => {
    expect(() => signingKeyFromPem('-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n')).toThrow(
      'is not a PEM private key (make one with `openssl genpkey -algorithm ed25519 -out signing-key.pem`)',
    );
  });
});
