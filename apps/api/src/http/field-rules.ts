/** Formats shared by the request bodies; each rule's message names the field. */
export const DIGEST = /^sha256:[0-9a-f]{64}$/;
export const GIT_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/;
export const ENVIRONMENT = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const NO_WHITESPACE = /^\S{1,300}$/;

export const digestMessage = (field: string) => `${field} must be "sha256:" followed by 64 lowercase hex digits`;
export const shaMessage = (field: string) => `${field} must be a full git sha (40 or 64 lowercase hex digits)`;

/** Occurred-at times as the agent sent them, normalised to UTC ISO 8601 so equal instants compare equal. */
export const instant = (iso: string) => new Date(iso).toISOString();
