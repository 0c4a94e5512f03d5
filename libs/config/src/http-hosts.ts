/** The configuration these rules read (a part of ProvenanceConfig). */
type HostSettings = { HOST: string; PROVENANCE_ALLOWED_HOSTS?: string; PROVENANCE_CORS_ORIGINS?: string };

/** The names a local server is reached by; any port. */
export const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_ADDRESSES = ['0.0.0.0', '::', '[::]'];
const HOST_ENTRY = /^(\*|[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(:\d{1,5})?$/;

const listOf = (value: string | undefined) => (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');

/**
 * The `Host` values this server answers: PROVENANCE_ALLOWED_HOSTS (`name` for any port,
 * `name:port` for one, `*` for any Host), else the local names and HOST when it names one address.
 */
export function allowedHostsOf(config: HostSettings): string[] {
  if (config.PROVENANCE_ALLOWED_HOSTS !== undefined) return listOf(config.PROVENANCE_ALLOWED_HOSTS.toLowerCase());
  const host = config.HOST.toLowerCase();
  return LOCAL_HOSTS.includes(host) || WILDCARD_ADDRESSES.includes(host) ? [...LOCAL_HOSTS] : [...LOCAL_HOSTS, host];
}

/** The origins CORS is on for; none unless PROVENANCE_CORS_ORIGINS lists them. */
export function corsOriginsOf(config: HostSettings): string[] {
  return listOf(config.PROVENANCE_CORS_ORIGINS?.toLowerCase());
}

/** Problems with the allowed hosts and CORS origins, each naming its variable. */
export function hostProblems(config: HostSettings, hasTokens: boolean): string[] {
  const problems = listOf(config.PROVENANCE_ALLOWED_HOSTS?.toLowerCase())
    .filter((entry) => !HOST_ENTRY.test(entry))
    .map((entry) => `PROVENANCE_ALLOWED_HOSTS must be comma-separated host names (name or name:port, [::1] for IPv6), or * to accept any Host; "${entry}" is not one`);
  for (const origin of corsOriginsOf(config)) {
    if (!isOrigin(origin)) {
      problems.push(`PROVENANCE_CORS_ORIGINS must be comma-separated origins (scheme://host[:port], no path), e.g. https://dashboard.example.org; "${origin}" is not one`);
    }
  }
  // Without tokens main.ts binds 127.0.0.1 whatever HOST says, so only the local names can arrive.
  if (hasTokens && WILDCARD_ADDRESSES.includes(config.HOST) && config.PROVENANCE_ALLOWED_HOSTS === undefined) {
    problems.push(
      `HOST=${config.HOST} takes connections from other hosts: set PROVENANCE_ALLOWED_HOSTS to the host names clients use to reach this server (or * to accept any Host, a conscious choice)`,
    );
  }
  return problems;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}
