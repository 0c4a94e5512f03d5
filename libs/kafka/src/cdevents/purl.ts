/**
 * A package URL (https://github.com/package-url/purl-spec), the form CDEvents uses for artifact
 * ids: `pkg:<type>/<namespace>/<name>@<version>?<qualifiers>#<subpath>`, percent-decoded.
 */
export type Purl = {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Record<string, string>;
};

/** The purl `text` spells, or undefined when it is not one. */
export function purlOf(text: string): Purl | undefined {
  const [withoutSubpath] = text.split('#');
  const [locator, query = ''] = withoutSubpath.split('?');
  const match = /^pkg:\/*([A-Za-z.+-][A-Za-z0-9.+-]*)\/(.+)$/i.exec(locator);
  if (!match) return undefined;
  const [, type, rest] = match;
  const at = rest.lastIndexOf('@');
  const path = at === -1 ? rest : rest.slice(0, at);
  const segments = path.split('/').filter((segment) => segment !== '');
  try {
    const name = decodeURIComponent(segments.pop() ?? '');
    if (name === '') return undefined;
    return {
      type: type.toLowerCase(),
      ...(segments.length > 0 ? { namespace: segments.map(decodeURIComponent).join('/') } : {}),
      name,
      ...(at === -1 ? {} : { version: decodeURIComponent(rest.slice(at + 1)) }),
      qualifiers: qualifiersOf(query),
    };
  } catch {
    return undefined; // a malformed percent-escape
  }
}

function qualifiersOf(query: string): Record<string, string> {
  const pairs = query
    .split('&')
    .filter((pair) => pair.includes('='))
    .map((pair) => {
      const equals = pair.indexOf('=');
      return [pair.slice(0, equals).toLowerCase(), decodeURIComponent(pair.slice(equals + 1))] as const;
    });
  return Object.fromEntries(pairs);
}

const SHA256 = /^sha256:([0-9a-f]{64})$/;

/**
 * The sha256 (64 lowercase hex digits) a purl pins: an OCI digest as its version
 * (`pkg:oci/myapp@sha256%3A<hex>`), else the sha256 entry of its `checksum` qualifier
 * (`?checksum=sha256:<hex>`, a comma-separated list in the purl spec).
 */
export function sha256Of(purl: Purl): string | undefined {
  const fromVersion = purl.type === 'oci' && purl.version ? SHA256.exec(purl.version)?.[1] : undefined;
  if (fromVersion) return fromVersion;
  const checksums = (purl.qualifiers.checksum ?? '').split(',').map((checksum) => checksum.trim());
  return checksums.map((checksum) => SHA256.exec(checksum)?.[1]).find((hex) => hex !== undefined);
}
