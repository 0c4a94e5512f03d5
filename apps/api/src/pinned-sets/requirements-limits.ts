import { PayloadTooLargeException } from '@nestjs/common';
import { requirementsSizeOf } from '@provenance/domain';
import type { RequestLimits } from '../http/request-limits';

/**
 * Refuses requirements text too large to parse with 413, before parsing: a 1 MB text of short
 * lines became a 7 MB event, refused only after seconds of CPU and hundreds of MB of memory.
 */
export function refuseOversizedRequirements(text: string, limits: RequestLimits): void {
  const size = requirementsSizeOf(text, limits.maxPinnedLines);
  if (size.lines > limits.maxPinnedLines) {
    throw new PayloadTooLargeException([`requirements: more than ${limits.maxPinnedLines} lines (PROVENANCE_MAX_PINNED_LINES); the largest real pinned sets have a few hundred`]);
  }
  if (size.expandedBytes > limits.maxPinnedExpandedBytes) {
    throw new PayloadTooLargeException([
      `requirements: would take about ${size.expandedBytes} bytes as an event, more than ${limits.maxPinnedExpandedBytes} (PROVENANCE_MAX_PINNED_EXPANDED_BYTES)`,
    ]);
  }
}
