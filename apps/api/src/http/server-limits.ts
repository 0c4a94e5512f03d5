import type { Server } from 'node:http';
import type { ProvenanceConfig } from '@provenance/config';

/**
 * Bounds what slow or numerous clients can hold on the Node HTTP server: a whole request
 * (headers and body) must arrive within PROVENANCE_REQUEST_TIMEOUT (else 408 and the connection
 * is closed; a trickling body was kept for minutes), its headers within
 * PROVENANCE_HEADERS_TIMEOUT, and at most PROVENANCE_MAX_CONNECTIONS connections are held (more
 * are closed as they arrive). Call it before the server listens.
 */
export function limitConnections(server: Server, config: ProvenanceConfig): void {
  server.requestTimeout = config.PROVENANCE_REQUEST_TIMEOUT;
  server.headersTimeout = config.PROVENANCE_HEADERS_TIMEOUT;
  server.maxConnections = config.PROVENANCE_MAX_CONNECTIONS;
  // Node looks for requests past those timeouts on this interval (30 s unless set), taken when it starts listening.
  Object.assign(server, { connectionsCheckingInterval: Math.min(1_000, config.PROVENANCE_HEADERS_TIMEOUT) });
}
