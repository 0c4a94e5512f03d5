/** One pinned requirement of a pip-compile output file. */
export interface PinnedRequirement {
  /** PEP 503 normalised. For a local path without `#egg=`, the normalised last path segment. */
  name: string;
  /** The version after `==` or `===`; null when the line pins none (a VCS URL without `==`, a local path). */
  version: string | null;
  /** Normalised like names, sorted. */
  extras: string[];
  /** The environment marker after `;`, trimmed. */
  marker: string | null;
  /** As written (`sha256:…`), in file order. */
  hashes: string[];
  /** Parents from `# via` annotations: package names normalised, other entries (`-r x.in`) verbatim. */
  via: string[];
  editable: boolean;
  /** The VCS URL, URL or local path as written; null for ordinary pins. */
  url: string | null;
}

export interface RequirementsFile {
  /** In file order. */
  requirements: PinnedRequirement[];
  indexUrl: string | null;
  extraIndexUrls: string[];
  /** Names pip-compile left commented out under its "unsafe" footer, normalised. */
  unsafe: string[];
}
