import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import type { ProvenanceConfig } from '@provenance/config';
import { PIPELINE_DEFINITION } from '@provenance/pipeline';
import { AttestationBundles } from './attestation-bundles';
import { AttestationKeys, openAttestationKeys } from './attestation-keys';

/**
 * The signing key, opened once at start (saying where it came from), and the bundles signed
 * with it; global, since both the HTTP routes and the Kafka publisher sign with the one key
 * (with `memory://` a second opening would make a second key).
 */
@Global()
@Module({})
export class AttestationsModule {
  static forRoot(config: ProvenanceConfig): DynamicModule {
    return {
      module: AttestationsModule,
      providers: [
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
        { provide: PIPELINE_DEFINITION, useValue: config.pipeline },
        AttestationBundles,
      ],
      exports: [AttestationKeys, AttestationBundles],
    };
  }
}
