import { spawnSync } from 'node:child_process';

/**
 * Where the suites find the real services they talk to. A suite whose service is not
 * configured is skipped on a developer's machine, but in CI (CI=true) it fails: a green CI
 * run must mean every backend was exercised.
 */
export interface RealService {
  name: string;
  variable: string;
  url?: string;
}

export function realService(name: string, variable: string): RealService {
  return { name, variable, url: process.env[variable] || undefined };
}

export const postgresServer = () => realService('PostgreSQL', 'DATABASE_URL');

/** EventStoreDB (or KurrentDB): optional everywhere, CI included, since no server can be installed there. */
export const eventStoreDbServer = () => realService('EventStoreDB', 'EVENTSTORE_URL');

/**
 * `describe` when the service is configured; otherwise a skipped block, in CI too, titled
 * "skipped: <VARIABLE> not set". For services CI does not run (EventStoreDB): a green run then
 * says plainly that these suites did not run.
 */
export function describeWithOptionalService(service: RealService, title: string, body: (url: string) => void): void {
  if (service.url) describe(title, () => body(service.url!));
  // Skip reason: no EventStoreDB server can be installed here or in CI; the title names the unset variable.
  else describe.skip(`${title} — skipped: ${service.variable} not set`, () => body(''));
}

/**
 * `describe` when the service is configured; otherwise a skipped block on a developer's
 * machine and a failing one in CI, each saying which variable to set.
 */
export function describeWithService(service: RealService, title: string, body: (url: string) => void): void {
  const hint = `${service.name} is not configured: set ${service.variable} (see README.md, "Running the tests")`;
  describeOrExplain(service.url, `needs ${service.name}`, hint, title, body);
}

/**
 * `describe` when `program` (e.g. `strace`) is on the PATH; otherwise skipped on a developer's
 * machine and failing in CI, like a missing service. `.ci/run` installs the programs suites need.
 */
export function describeWithProgram(program: string, title: string, body: () => void): void {
  const found = spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
  const hint = `${program} is not installed (apt-get install ${program}; .ci/run installs it)`;
  describeOrExplain(found ? program : undefined, `needs ${program}`, hint, title, () => body());
}

function describeOrExplain(found: string | undefined, needs: string, hint: string, title: string, body: (found: string) => void): void {
  if (found) {
    describe(title, () => body(found));
    return;
  }
  if (process.env.CI === 'true') {
    describe(title, () => {
      it(needs, () => {
        throw new Error(`${hint}. In CI every suite must run against its real service.`);
      });
    });
    return;
  }
  // Skip reason: the service or program is missing on a developer's machine; outside CI only, and the title says what to set.
  describe.skip(`${title} — skipped: ${hint}`, () => body(''));
}

/** A schema name no other test run uses, for isolating one suite's tables on a shared server. */
export function uniqueSchemaName(prefix: string): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}_${process.pid}_${random}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 40);
}
