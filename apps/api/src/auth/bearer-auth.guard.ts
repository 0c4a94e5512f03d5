import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@provenance/config';
import type { Request } from 'express';
import { ALLOWED_ROLES } from './allow.decorator';
import { LOCAL_PRINCIPAL, Principal } from './roles';
import { TOKEN_REGISTRY, TokenRegistry } from './token-registry';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** 401 when the caller is not known, 403 when it is known but its roles do not allow the route. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_REGISTRY) private readonly tokens: TokenRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!allowed) return true;
    if (!this.tokens.enabled) {
      request.principal = LOCAL_PRINCIPAL;
      return true;
    }
    const match = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('send an API token as "Authorization: Bearer <token>"');
    const principal = this.tokens.principalFor(match[1]);
    if (!principal) throw new UnauthorizedException('the bearer token is not one this server knows');
    if (!principal.roles.some((role) => allowed.includes(role))) {
      throw new ForbiddenException(`${principal.name} has roles ${principal.roles.join(', ')}; this needs one of ${allowed.join(', ')}`);
    }
    request.principal = principal;
    return true;
  }
}
