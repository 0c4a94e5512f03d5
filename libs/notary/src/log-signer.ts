import type { SigningKey } from '@provenance/signing';
import { Checkpoint, checkpointText, NoteVerifier, noteVerifierOf, signNote, verifierKeyText } from '@provenance/transparency';

/** Signs the tree's heads as C2SP checkpoints, under the log's origin (also the key's name). */
export class LogSigner {
  readonly verifier: NoteVerifier;

  constructor(
    readonly origin: string,
    private readonly key: SigningKey,
  ) {
    if (key.algorithm !== 'ed25519') throw new Error(`the log's checkpoints are signed with Ed25519 (C2SP signed-note type 0x01), not ${key.algorithm}`);
    this.verifier = noteVerifierOf(origin, key.publicKey);
  }

  /** `<origin>+<key id>+<base64 key>`: what a verifier needs to check this log's checkpoints. */
  get verifierKey(): string {
    return verifierKeyText(this.verifier);
  }

  sign(checkpoint: Omit<Checkpoint, 'origin'>): string {
    return signNote(checkpointText({ origin: this.origin, ...checkpoint }), this.origin, (message) => this.key.sign(message), this.key.publicKey);
  }
}
