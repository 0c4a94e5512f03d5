import { streamNameFilter } from '@eventstore/db-client';
import type { Filter } from '@eventstore/db-client';

/**
 * One log's streams on a shared EventStoreDB server are named `<namespace><stream id>`, so
 * several logs, and other systems' streams, live side by side in `$all`. A namespace never
 * starts with `$`, so it also keeps out EventStoreDB's system streams.
 */
const NAMESPACE = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/;

export function checkedNamespace(namespace: string): string {
  if (!NAMESPACE.test(namespace)) {
    throw new RangeError(`namespace '${namespace}' must be 1-64 letters, digits and _ . : -, not starting with '$'`);
  }
  return namespace;
}

/** The namespace of the log kept under a PostgreSQL-style schema name: `provenance` gives `provenance.`. */
export function namespaceOfSchema(schema: string): string {
  return checkedNamespace(`${schema}.`);
}

export function serverStreamOf(namespace: string, streamId: string): string {
  return `${namespace}${streamId}`;
}

/** The port's stream id of a server stream, or undefined when the stream is not this log's. */
export function streamIdOf(namespace: string, serverStream: string): string | undefined {
  return serverStream.startsWith(namespace) && serverStream.length > namespace.length ? serverStream.slice(namespace.length) : undefined;
}

/** The server-side filter of a live subscription to `$all`: this log's streams only (no `$` streams). */
export function logFilterOf(namespace: string): Filter {
  return streamNameFilter({ prefixes: [namespace] });
}

/**
 * Whether an event read from `$all` belongs to this log: in one of its streams, not a link,
 * and not of a `$` type (EventStoreDB's own, such as a deleted stream's `$streamDeleted`).
 */
export function isLogEvent(namespace: string, resolved: { event?: { streamId: string; type: string }; link?: unknown }): boolean {
  const { event, link } = resolved;
  if (!event || link) return false;
  return streamIdOf(namespace, event.streamId) !== undefined && !event.type.startsWith('$');
}
