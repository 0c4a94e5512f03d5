import type { Role } from '@provenance/config';

/** Who may do what. Admin may do everything. */
export const MAY_RECORD: Role[] = ['agent', 'admin'];
export const MAY_READ: Role[] = ['auditor', 'release-manager', 'admin'];
export const MAY_DECIDE: Role[] = ['release-manager', 'admin'];
export const MAY_ASK_THE_GATE: Role[] = ['agent', 'auditor', 'release-manager', 'admin'];
export const MAY_FOLLOW_THE_PIPELINE: Role[] = ['agent', 'auditor', 'release-manager', 'admin'];

export interface Principal {
  name: string;
  roles: Role[];
}

/** When no tokens are configured the API is local-only and every caller is this principal. */
export const LOCAL_PRINCIPAL: Principal = { name: 'local', roles: ['admin'] };
