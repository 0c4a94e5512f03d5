import { ValidateBy } from 'class-validator';

/** Formats shared by the request bodies; each rule's message names the field. */
export const DIGEST = /^sha256:[0-9a-f]{64}$/;
export const GIT_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$/;
export const ENVIRONMENT = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const NO_WHITESPACE = /^\S{1,300}$/;

export const digestMessage = (field: string) => `${field} must be "sha256:" followed by 64 lowercase hex digits`;
export const shaMessage = (field: string) => `${field} must be a full git sha (40 or 64 lowercase hex digits)`;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** A time with its zone, as RFC 3339 writes it; anything else is refused rather than guessed. */
export function IsInstant(field: string) {
  return ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isRealInstant(value),
      defaultMessage: () => `${field} must be an RFC 3339 time with its zone, e.g. 2026-11-25T09:30:00Z, in the years 1-9999`,
    },
  });
}

/** RFC 3339, a day that exists in its month (no 30 February), and years 1-9999 once in UTC. */
function isRealInstant(value: string): boolean {
  const match = RFC3339.exec(value);
  if (!match) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return false;
  const utc = new Date(value);
  return !Number.isNaN(utc.getTime()) && utc.getUTCFullYear() >= 1 && utc.getUTCFullYear() <= 9999;
}

/** Occurred-at times as the agent sent them, normalised to UTC so equal instants compare equal. */
export const instant = (iso: string) => new Date(iso).toISOString();
