import { SetMetadata } from '@nestjs/common';
import type { Role } from '@provenance/config';

export const ALLOWED_ROLES = 'allowed-roles';

/** The roles that may call a route; a route without it is open (health, docs). */
export const Allow = (roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);
