import type { ProvenanceConfig } from '@provenance/config';
import { openSigningKey, UnusableSigningKey } from '@provenance/signing';
import { verifyKeysOf } from '../attestations/attestation-keys';
import { StartupProblem } from './startup-problem';

/** PROVENANCE_SIGNING_KEY and PROVENANCE_VERIFY_KEYS name usable keys, or the start stops with one line saying which and why. */
export async function checkSigningKeys(config: ProvenanceConfig): Promise<void> {
  try {
    if (config.PROVENANCE_SIGNING_KEY) await openSigningKey({ variable: 'PROVENANCE_SIGNING_KEY', path: config.PROVENANCE_SIGNING_KEY });
    verifyKeysOf(config);
  } catch (error) {
    if (error instanceof UnusableSigningKey) throw new StartupProblem(error.message);
    throw error;
  }
}
