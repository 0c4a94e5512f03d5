/** KurrentDB speaks EventStoreDB's protocol; the 6.x client only knows the `esdb` schemes. */
const SCHEMES: Record<string, string> = { esdb: 'esdb', kurrentdb: 'esdb', kurrent: 'esdb', kdb: 'esdb' };
const SCHEME = /^([a-z]+)(\+discover)?:\/\//i;
const CREDENTIALS = /^([a-z+]+:\/\/[^:@/]*:)([^@]*)@/i;

/** The connection string as the client reads it: `kurrentdb://` (or `kdb://`, `kurrent://`) becomes `esdb://`. */
export function clientConnectionStringOf(url: string): string {
  const match = SCHEME.exec(url.trim());
  const scheme = match ? SCHEMES[match[1].toLowerCase()] : undefined;
  if (!match || !scheme) throw new RangeError(`${shownConnectionString(url)} is not an esdb:// or kurrentdb:// connection string`);
  return `${scheme}${match[2] ?? ''}://${url.trim().slice(match[0].length)}`;
}

/** The connection string as it may be printed: the password masked. */
export function shownConnectionString(url: string): string {
  return url.trim().replace(CREDENTIALS, '$1****@');
}

/** Any text (an error from the client) with the connection string's password masked. */
export function withoutPassword(text: string, url: string): string {
  const password = CREDENTIALS.exec(url.trim())?.[2];
  return password ? text.split(password).join('****') : text;
}
