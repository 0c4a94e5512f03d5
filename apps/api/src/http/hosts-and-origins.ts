import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { allowedHostsOf, corsOriginsOf, ProvenanceConfig } from '@provenance/config';

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];
/** Probes address a pod by its IP, and these answers say nothing a page could use. */
const PROBES = ['/health', '/health/live', '/health/ready'];

/**
 * No writes from other sites, in every mode: a `Host` the server is not configured for is 421
 * (a DNS-rebinding page cannot read answers), and a state-changing request a browser sent from
 * another site is 403 (a page cannot POST a fact or start a rebuild, even as a "simple" request
 * that needs no preflight). Clients that send no Origin (curl, the CLI, agents) are not browsers
 * and pass. CORS is on only for the origins PROVENANCE_CORS_ORIGINS lists. Goes first, before
 * any body is read.
 */
export function guardHostsAndOrigins(app: INestApplication, config: ProvenanceConfig): void {
  const hosts = allowedHostsOf(config);
  const origins = corsOriginsOf(config);
  app.use(refuseOtherSites(hosts, origins));
  if (origins.length > 0) app.enableCors({ origin: origins, maxAge: 600 });
}

export function refuseOtherSites(hosts: string[], corsOrigins: string[]): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const host = request.headers.host?.toLowerCase();
    if (!(SAFE_METHODS.includes(request.method) && PROBES.includes(request.path)) && !hostAllowed(host, hosts)) {
      response.status(421).json({
        statusCode: 421,
        error: 'Misdirected Request',
        message: `Host ${host ?? '(none)'} is not a name this server answers to; an operator adds it to PROVENANCE_ALLOWED_HOSTS`,
      });
      return;
    }
    if (SAFE_METHODS.includes(request.method)) return next();
    const refusal = crossSiteRefusal(request, host!, corsOrigins);
    if (!refusal) return next();
    response.status(403).json({
      statusCode: 403,
      error: 'Forbidden',
      message: `cross-site request refused (${refusal}): a ${request.method} is taken from this server's own pages, from origins listed in PROVENANCE_CORS_ORIGINS, or from clients that send no Origin (curl, the CLI, agents)`,
    });
  };
}

function hostAllowed(host: string | undefined, allowed: string[]): boolean {
  if (host === undefined) return false;
  if (allowed.includes('*')) return true;
  const name = host.replace(/:\d+$/, '').replace(/\.$/, '');
  return allowed.includes(host) || allowed.includes(name);
}

/** Why a browser's state-changing request from another site is refused, or undefined when it is not. */
function crossSiteRefusal(request: Request, host: string, corsOrigins: string[]): string | undefined {
  const origin = request.headers.origin;
  const listed = origin !== undefined && corsOrigins.includes(origin.toLowerCase());
  if (origin !== undefined && !listed && !sameOrigin(origin, host)) return `Origin ${origin}`;
  const site = request.headers['sec-fetch-site'];
  if ((site === 'cross-site' || site === 'same-site') && !listed) return `Sec-Fetch-Site: ${site}`;
  return undefined;
}

function sameOrigin(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    const to = new URL(`${from.protocol}//${host}`);
    return (from.protocol === 'http:' || from.protocol === 'https:') && from.host === to.host;
  } catch {
    // "null" (a sandboxed page, a file) and anything unparseable is no origin of ours.
    return false;
  }
}
