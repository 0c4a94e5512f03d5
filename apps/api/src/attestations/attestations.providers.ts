import { Logger, Provider } from '@nestjs/common';
import type { ProvenanceConfig } from '@provenance/config';
import { AttestationBundles } from './attestation-bundles';
import { AttestationKeys, openAttestationKeys } from './attestation-keys';

/** The signing key, opened once at start (saying where it came from), and the bundles signed with it. */
export function attestationProviders(config: ProvenanceConfig): Provider[] {
  return [
    {
      provide: AttestationKeys,
      useFactory: async () => {
        const { keys, said, warn } = await openAttestationKeys(config);
        const logger = new Logger('attestations');
        if (warn) logger.warn(said);
        else logger.log(said);
        return keys;
      },
    },
    AttestationBundles,
  ];
}
