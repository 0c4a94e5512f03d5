import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { checkpointText, MalformedCheckpoint, parseCheckpoint } from './checkpoint';
import { ed25519Signer, NoteRejected, noteVerifierOf, openNote, parseNote, parseVerifierKey, signNote, verifierKeyText } from './signed-note';

/**
 * The example key and note of golang.org/x/mod/sumdb/note (the reference implementation of
 * c2sp.org/signed-note). Ed25519 is deterministic, so signing the text with that key must give
 * the note byte for byte.
 */
const GO_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

/** The C2SP signed-note spec's verifier-key example. */
const SPEC_VERIFIER_KEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE = 'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

/** The C2SP tlog-checkpoint spec's example body. */
const SPEC_CHECKPOINT = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

function goPrivateKey() {
  const encoded = Buffer.from(GO_SIGNER_KEY.split('+')[4] + '+' + GO_SIGNER_KEY.split('+').slice(5).join('+'), 'base64');
  expect(encoded[0]).toBe(0x01);
  return createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), encoded.subarray(1)]), format: 'der', type: 'pkcs8' });
}

describe('signed notes (c2sp.org/signed-note, Ed25519)', () => {
  it("given the Go reference implementation's key, when its text is signed, then the note is its example byte for byte", () => {
    const privateKey = goPrivateKey();
    const publicKey = createPublicKey(privateKey);

    const note = signNote(GO_TEXT, 'PeterNeumann', ed25519Signer(privateKey), publicKey);

    expect(note).toBe(GO_NOTE);
    expect(verifierKeyText(noteVerifierOf('PeterNeumann', publicKey))).toBe(GO_VERIFIER_KEY);
    expect(openNote(GO_NOTE, parseVerifierKey(GO_VERIFIER_KEY))).toBe(GO_TEXT);
  });

  it("given the spec's verifier key, then its example note opens, and its key id is the spec's", () => {
    const verifier = parseVerifierKey(SPEC_VERIFIER_KEY);

    expect(verifier.keyId).toBe(0x530d903a);
    expect(openNote(SPEC_NOTE, verifier)).toBe('This is an example message.\n');
  });

  it('given a note changed after signing, or signed by another key of the same name, then it is rejected', () => {
    const verifier = parseVerifierKey(GO_VERIFIER_KEY);
    const other = generateKeyPairSync('ed25519');
    const forged = signNote(GO_TEXT, 'PeterNeumann', ed25519Signer(other.privateKey), other.publicKey);

    expect(() => openNote(GO_NOTE.replace('problem is', 'problem was'), verifier)).toThrow(NoteRejected);
    expect(() => openNote(forged, verifier)).toThrow(/not signed by PeterNeumann\+c74f20a3/);
    expect(() => openNote(SPEC_NOTE, verifier)).toThrow(NoteRejected);
  });

  it("given signatures by unknown keys beside the known one, then they are ignored; a bad one of the known key rejects", () => {
    const verifier = parseVerifierKey(GO_VERIFIER_KEY);
    const [, specSignature] = SPEC_NOTE.split('\n\n');
    const [, goSignature] = GO_NOTE.split('\n\n');
    const cosigned = `${GO_TEXT}\n${specSignature}${goSignature}`;
    const badKnown = `${GO_TEXT}\n${goSignature.replace('x08go/', 'x08go/A').replace('AAnAM=', 'AnAM=')}`;

    expect(openNote(cosigned, verifier)).toBe(GO_TEXT);
    expect(parseNote(cosigned).signatures.map((signature) => signature.name)).toEqual(['example.com/foo', 'PeterNeumann']);
    expect(() => openNote(badKnown, verifier)).toThrow(NoteRejected);
  });

  it.each([
    ['no blank line', `${GO_TEXT}— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`],
    ['no final newline', GO_NOTE.slice(0, -1)],
    ['a hyphen for the em dash', GO_NOTE.replace('—', '-')],
    ['a control character', GO_NOTE.replace('problem,', 'problem,\t')],
    ['a signature that is not base64', GO_NOTE.replace('x08go/', 'x08go*')],
  ])('given a note with %s, then it is malformed', (_, note) => {
    expect(() => openNote(note, parseVerifierKey(GO_VERIFIER_KEY))).toThrow(NoteRejected);
  });

  it('given keys whose base64 holds "+", then their verifier keys read back', () => {
    for (let i = 0; i < 20; i++) {
      const { publicKey } = generateKeyPairSync('ed25519');
      const text = verifierKeyText(noteVerifierOf('example.com/log', publicKey));
      expect(parseVerifierKey(text).keyId).toBe(noteVerifierOf('example.com/log', publicKey).keyId);
    }
  });

  it('given a verifier key whose id is not that of its name and key, then it is refused', () => {
    expect(() => parseVerifierKey(GO_VERIFIER_KEY.replace('c74f20a3', 'c74f20a4'))).toThrow(/not the one of that name and key/);
    expect(() => parseVerifierKey(GO_VERIFIER_KEY.replace('PeterNeumann', 'Peter'))).toThrow(NoteRejected);
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  it("given the spec's example, then it reads as origin, size and root, and writes back the same", () => {
    const checkpoint = parseCheckpoint(SPEC_CHECKPOINT);

    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.treeSize).toBe(20852163);
    expect(checkpoint.rootHash.toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(checkpointText(checkpoint)).toBe(SPEC_CHECKPOINT);
  });

  it('given extension lines, then they are allowed and ignored', () => {
    expect(parseCheckpoint(`${SPEC_CHECKPOINT}an extension\n`).treeSize).toBe(20852163);
  });

  it.each([
    ['two lines', 'example.com/log\n0\n'],
    ['a leading zero', SPEC_CHECKPOINT.replace('20852163', '020852163')],
    ['a size that is not a number', SPEC_CHECKPOINT.replace('20852163', 'many')],
    ['a short root', SPEC_CHECKPOINT.replace('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'CsUYapGG')],
    ['no final newline', SPEC_CHECKPOINT.slice(0, -1)],
    ['an empty origin', SPEC_CHECKPOINT.replace('example.com/behind-the-sofa', '')],
  ])('given %s, then it is malformed', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(MalformedCheckpoint);
  });
});
