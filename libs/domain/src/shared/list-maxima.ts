/**
 * The most items each list in a fact may hold, in one place: the HTTP DTOs check them with
 * `@ArrayMaxSize`, the package graph's reader as it reads, and the HTTP edge refuses any JSON list
 * longer than the longest of them before parsing. Each is about ten times the most a real
 * pipeline has shown; README.md ("Limits") lists them.
 */
export const MAX_ITEMS = {
  /** A commit's parents: an octopus merge has a few dozen at most. */
  parents: 100,
  /** The package builds a pinned set was pinned from: at most one per requirement line. */
  builds: 5_000,
  /** The upstream package versions a build was built against. */
  builtAgainst: 1_000,
  /** The nodes a deployment or patch went to. */
  nodes: 2_000,
  /** The packages of a package graph, as many as a pinned set may have lines. */
  packages: 5_000,
  /** The dependencies of one package in a package graph. */
  dependencies: 1_000,
} as const;

/** The longest list any fact may hold. */
export const LONGEST_LIST = Math.max(...Object.values(MAX_ITEMS));
