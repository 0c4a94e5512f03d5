import type { ProvenanceConfig } from '@provenance/config';
import { LONGEST_LIST } from '@provenance/domain';
import type { JsonShapeLimits } from './json-shape';

/** The limits on one request's work that routes apply, from the configuration (README.md, "Limits"). */
export interface RequestLimits {
  maxPinnedLines: number;
  maxPinnedExpandedBytes: number;
  maxPageBytes: number;
  /** Most events a filtered page of the log reads past. */
  maxPageScan: number;
  /** The largest event there can be: a page reads the log in batches this large at most. */
  maxEventBytes: number;
  maxLongPolls: number;
}

export const REQUEST_LIMITS = Symbol('RequestLimits');

export function requestLimitsOf(config: ProvenanceConfig): RequestLimits {
  return {
    maxPinnedLines: config.PROVENANCE_MAX_PINNED_LINES,
    maxPinnedExpandedBytes: config.PROVENANCE_MAX_PINNED_EXPANDED_BYTES,
    maxPageBytes: config.PROVENANCE_MAX_PAGE_BYTES,
    maxPageScan: config.PROVENANCE_MAX_PAGE_SCAN,
    maxEventBytes: config.PROVENANCE_MAX_EVENT_BYTES,
    maxLongPolls: config.PROVENANCE_MAX_LONG_POLLS,
  };
}

/** No fact has more than a couple of dozen fields; an object with more is refused before it is parsed. */
export const MAX_OBJECT_MEMBERS = 100;

/** What a JSON body may look like before it is parsed: nesting from the configuration, lists and objects from the facts. */
export function jsonShapeLimits(config: ProvenanceConfig): JsonShapeLimits {
  return { depth: config.PROVENANCE_MAX_JSON_DEPTH, items: LONGEST_LIST, members: MAX_OBJECT_MEMBERS };
}
