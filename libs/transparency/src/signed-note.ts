import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * C2SP signed-note (c2sp.org/signed-note) with Ed25519 (signature type 0x01): the text, a
 * blank line, then one line per signature: em dash, space, key name, space,
 * base64(4-byte key id ‖ signature over the text).
 */

const ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 ';
/** The most signature lines read from one note; the spec asks verifiers to accept at least 16. */
const MAX_SIGNATURES = 100;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class NoteRejected extends Error {
  override readonly name = 'NoteRejected';
}

/** A key that verifies notes: its name, its 4-byte id and its Ed25519 public key. */
export interface NoteVerifier {
  name: string;
  keyId: number;
  publicKey: KeyObject;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Buffer;
}

/** The 32 raw bytes of an Ed25519 public key. */
export function ed25519PublicKeyBytes(publicKey: KeyObject): Buffer {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new NoteRejected(`a note key must be Ed25519, not ${publicKey.asymmetricKeyType}`);
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length);
}

/** key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4], big-endian. */
export function noteKeyId(name: string, publicKey: KeyObject): number {
  const digest = createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([ED25519]))
    .update(ed25519PublicKeyBytes(publicKey))
    .digest();
  return digest.readUInt32BE(0);
}

export function noteVerifierOf(name: string, publicKey: KeyObject): NoteVerifier {
  checkKeyName(name);
  return { name, keyId: noteKeyId(name, publicKey), publicKey };
}

/** The verifier key as text, as Go's sumdb/note writes it: `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. */
export function verifierKeyText(verifier: NoteVerifier): string {
  const key = Buffer.concat([Buffer.from([ED25519]), ed25519PublicKeyBytes(verifier.publicKey)]).toString('base64');
  return `${verifier.name}+${verifier.keyId.toString(16).padStart(8, '0')}+${key}`;
}

export function parseVerifierKey(text: string): NoteVerifier {
  // The base64 key may itself hold "+": only the first two separate.
  const [name, id, ...rest] = text.trim().split('+');
  const encoded = rest.join('+');
  if (id === undefined || encoded === '') throw new NoteRejected('a verifier key is <name>+<key id>+<base64 key>');
  checkKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(id)) throw new NoteRejected(`the key id ${JSON.stringify(id)} is not 8 hex digits`);
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 33 || key[0] !== ED25519) throw new NoteRejected('the verifier key is not an Ed25519 key (0x01 and 32 bytes)');
  const publicKey = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, key.subarray(1)]), format: 'der', type: 'spki' });
  const verifier = noteVerifierOf(name, publicKey);
  if (verifier.keyId !== parseInt(id, 16)) throw new NoteRejected(`the key id ${id} is not the one of that name and key`);
  return verifier;
}

/** Signs `text` (which must end in a newline) as a note with one signature. */
export function signNote(text: string, name: string, signText: (message: Buffer) => Buffer, publicKey: KeyObject): string {
  checkText(text);
  const verifier = noteVerifierOf(name, publicKey);
  const signature = signText(Buffer.from(text, 'utf8'));
  const id = Buffer.alloc(4);
  id.writeUInt32BE(verifier.keyId);
  return `${text}\n${SIGNATURE_PREFIX}${name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

/** Splits a note into its text and signatures, checking the format only. */
export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  if (hasControlCharacter(note)) throw new NoteRejected('a note holds no control characters but newlines');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteRejected('a note has its text, a blank line, then its signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2);
  if (!lines.endsWith('\n')) throw new NoteRejected('a note ends with a newline');
  const signatures = lines
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
      if (!match) throw new NoteRejected(`not a signature line: ${JSON.stringify(line)}`);
      const bytes = Buffer.from(match[2], 'base64');
      if (bytes.length < 5 || bytes.toString('base64') !== match[2]) throw new NoteRejected(`a signature that is not base64 of a key id and a signature: ${match[2]}`);
      return { name: match[1], keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
    });
  if (signatures.length > MAX_SIGNATURES) throw new NoteRejected(`a note with more than ${MAX_SIGNATURES} signatures`);
  return { text, signatures };
}

/**
 * The note's text once a signature by `verifier` verifies. Signatures of other keys are ignored;
 * a signature of this key that does not verify rejects the note, as does having none.
 */
export function openNote(note: string, verifier: NoteVerifier): string {
  const { text, signatures } = parseNote(note);
  const ours = signatures.filter((signature) => signature.name === verifier.name && signature.keyId === verifier.keyId);
  if (ours.length === 0) throw new NoteRejected(`the note is not signed by ${verifierKeyText(verifier)}`);
  for (const signature of ours) {
    if (!verify(null, Buffer.from(text, 'utf8'), verifier.publicKey, signature.signature)) {
      throw new NoteRejected(`the signature by ${verifier.name} does not verify: the note was changed after it was signed, or signed by another key`);
    }
  }
  return text;
}

/** A signer from an Ed25519 private key, for tests and for keys read by `@provenance/signing`. */
export const ed25519Signer = (privateKey: KeyObject) => (message: Buffer) => sign(null, message, privateKey);

function checkKeyName(name: string): void {
  if (name === '' || /[\s+]/u.test(name)) throw new NoteRejected(`the key name ${JSON.stringify(name)} must be non-empty, without spaces or "+"`);
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteRejected('a note text ends with a newline');
  if (hasControlCharacter(text)) throw new NoteRejected('a note text holds no control characters but newlines');
}

/** Any ASCII control character but the newline. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}
