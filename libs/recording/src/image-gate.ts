import { EnvironmentSettings, evaluateGate, GateVerdict, imageDecider, imageStreamId } from '@provenance/domain';
import type { EventStore } from '@provenance/event-store';
import { stateOf } from './command-path';

/** The gate's verdict on an image going to an environment, from the image's stream as it stands now. */
export async function gateVerdictOf(store: EventStore, settings: EnvironmentSettings, imageDigest: string, environment: string): Promise<GateVerdict> {
  return evaluateGate(imageDigest, environment, await stateOf(store, imageStreamId(imageDigest), imageDecider), settings);
}
