import { environmentListOf, ProvenanceConfig } from '@provenance/config';
import type { EnvironmentSettings } from '@provenance/domain';

export const ENVIRONMENT_SETTINGS = Symbol('EnvironmentSettings');

export function environmentSettingsOf(config: ProvenanceConfig): EnvironmentSettings {
  return {
    verificationEnvironments: environmentListOf(config.PROVENANCE_VERIFICATION_ENVIRONMENTS),
    productionEnvironments: environmentListOf(config.PROVENANCE_PRODUCTION_ENVIRONMENTS),
  };
}
