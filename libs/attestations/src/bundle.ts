import type { Envelope } from './dsse';

/** An in-toto bundle (JSON Lines): one envelope a line, each line ending in a newline. */
export const bundleOf = (envelopes: Envelope[]): string => envelopes.map((envelope) => `${JSON.stringify(envelope)}\n`).join('');

export type BundleLine = { line: number; envelope: Envelope } | { line: number; problem: string };

/** Each non-empty line as an envelope, or the reason it is not one. */
export function bundleLines(text: string): BundleLine[] {
  return text.split('\n').flatMap((raw, index): BundleLine[] => {
    if (raw.trim() === '') return [];
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return [{ line, problem: 'is not JSON' }];
    }
    const problem = envelopeProblem(value);
    return problem ? [{ line, problem }] : [{ line, envelope: value as Envelope }];
  });
}

function envelopeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a DSSE envelope (an object)';
  const envelope = value as Record<string, unknown>;
  if (typeof envelope.payloadType !== 'string') return 'has no payloadType';
  if (typeof envelope.payload !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(envelope.payload)) return 'has no base64 payload';
  if (!Array.isArray(envelope.signatures) || envelope.signatures.length === 0) return 'has no signatures';
  const badSignature = envelope.signatures.some((s: unknown) => typeof (s as { sig?: unknown })?.sig !== 'string' || typeof ((s as { keyid?: unknown }).keyid ?? '') !== 'string');
  return badSignature ? 'has a signature without a base64 `sig`' : null;
}
