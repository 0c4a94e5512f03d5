export type { PinnedRequirement, RequirementsFile } from './pinned-requirement';
export { normalisePackageName, parseRequirementsFile, RequirementsSyntaxError } from './requirements-file';
export { canonicalPinnedSet, pinnedSetIdOf } from './pinned-set-id';
export type { RequirementsSize } from './requirements-size';
export { EXPANDED_BYTES_PER_LINE, requirementsSizeOf } from './requirements-size';
