export type { PinnedRequirement, RequirementsFile } from './pinned-requirement';
export { normalisePackageName, parseRequirementsFile, RequirementsSyntaxError } from './requirements-file';
export { canonicalPinnedSet, pinnedSetIdOf } from './pinned-set-id';
