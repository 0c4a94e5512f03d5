import type { ProvenanceConfig } from '@provenance/config';
import type { EnvironmentSettings } from '@provenance/domain';

export const ENVIRONMENT_SETTINGS = Symbol('EnvironmentSettings');

export function environmentSettingsOf(config: ProvenanceConfig): EnvironmentSettings {
  return {
    verificationEnvironments: config.pipeline.verificationEnvironments,
    productionEnvironments: config.pipeline.productionEnvironments,
  };
}
