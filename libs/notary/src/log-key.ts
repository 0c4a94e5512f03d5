import type { ProvenanceConfig } from '@provenance/config';
import { openSigningKey, SigningKeySource } from '@provenance/signing';
import { LogSigner } from './log-signer';

export const LOG_KEY_FILE = 'log-key.pem';

/**
 * The key that signs checkpoints, and one line for the start-up log saying where it came from.
 * Never throws: a log without a usable key keeps its tree and signs nothing, and says how to fix it.
 */
export async function openLogSigner(config: ProvenanceConfig): Promise<{ signer?: LogSigner; said: string; problem?: boolean }> {
  const variable = 'PROVENANCE_LOG_KEY';
  const source: SigningKeySource = config.PROVENANCE_LOG_KEY
    ? { variable, path: config.PROVENANCE_LOG_KEY }
    : config.PROVENANCE_STORE === 'embedded'
      ? config.PROVENANCE_DATA_DIR.startsWith('memory://')
        ? { variable, ephemeral: true }
        : { variable, generateIn: config.PROVENANCE_DATA_DIR, fileName: LOG_KEY_FILE }
      : { variable };
  try {
    const opened = await openSigningKey(source);
    if ('missing' in opened) {
      return {
        said: `the log's checkpoints are not signed: ${opened.missing}; the tree is kept, and checkpoints start with the key`,
        problem: true,
      };
    }
    const signer = new LogSigner(config.PROVENANCE_LOG_ORIGIN, opened.key);
    const from = {
      file: `from ${variable}=${opened.path}`,
      existing: `from ${opened.path} (made at the first start; set ${variable} to use another)`,
      generated: `made now in ${opened.path} (keep it: checkpoints saved by others are checked against it; set ${variable} to use another)`,
      ephemeral: `made for this process only (memory:// store; set ${variable} to keep one)`,
    }[opened.from];
    return { signer, said: `checkpoints are signed as ${signer.verifierKey}, key ${from}` };
  } catch (error) {
    return { said: `the log's checkpoints are not signed: ${(error as Error).message}`, problem: true };
  }
}
