import type { SqlConnection } from '@provenance/event-store';
import { HistoryEntry, historyOf } from './history.queries';
import { fact, readModelHolding } from './read-model-holding';

const minute = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString();
const deployment = (n: number, environment = 'site') =>
  fact('DeploymentStarted', {
    deploymentId: `d-${environment}-${n}`, environment, imageDigest: `sha256:${'d'.repeat(64)}`, nodes: ['cmc1'], configRevision: null,
    startedAt: minute(n), by: 'operator', policyViolations: [],
  });
const patch = (n: number, at: string) =>
  fact('PatchApplied', { environment: 'site', patchId: `hf-${n}`, package: 'katcomp', fromVersion: '1.0', toVersion: '1.0.post1', nodes: ['cmc1'], reason: 'hot fix', appliedAt: at, by: 'operator' });
const configuration = (at: string) => fact('ConfigurationApplied', { environment: 'site', repository: 'https://github.com/ska-sa/katconfig', sha: 'c'.repeat(40), appliedAt: at });

const label = (entry: HistoryEntry) => `${entry.kind} ${entry.at}`;

describe("an environment's history, a page at a time (embedded PostgreSQL)", () => {
  let close: () => Promise<void>;
  let db: SqlConnection;
  const everything: string[] = [];

  beforeAll(async () => {
    // 25 deployments a minute apart; a patch and a configuration change at the very moment of
    // deployment 10 (a page must not split them); another environment's deployments between.
    const facts = [
      ...Array.from({ length: 25 }, (_, n) => deployment(n)),
      patch(1, minute(10)),
      configuration(minute(10)),
      ...Array.from({ length: 5 }, (_, n) => deployment(n, 'aqf-1')),
    ];
    ({ db, close } = await readModelHolding(facts));
    everything.push(...(await historyOf(db, 'site', { limit: 1000 })).history.map(label));
  });
  afterAll(() => close());

  it('given fewer entries than a page, then all of them, oldest first, and nothing earlier', async () => {
    expect(everything).toHaveLength(27);
    expect(everything[0]).toBe(`deployment ${minute(0)}`);
    expect((await historyOf(db, 'site', { limit: 1000 })).earlier).toBeNull();
  });

  it('given pages of 7 followed back through `earlier`, then every entry comes exactly once, in order, and the moment with three entries is never split', async () => {
    const pages: string[][] = [];
    let before: string | undefined;
    for (;;) {
      const page = await historyOf(db, 'site', { limit: 7, before });
      pages.unshift(page.history.map(label));
      if (page.earlier === null) break;
      before = page.earlier;
    }

    expect(pages.flat()).toEqual(everything);
    const withTheMoment = pages.find((page) => page.includes(`deployment ${minute(10)}`))!;
    expect(withTheMoment).toEqual(expect.arrayContaining([`patch ${minute(10)}`, `configuration ${minute(10)}`]));
    // Only the oldest page may be short.
    expect(pages.slice(1).every((page) => page.length >= 7)).toBe(true);
  });

  it('given a page of 3, then the 3 newest, oldest first, with `earlier` at the oldest of them', async () => {
    const page = await historyOf(db, 'site', { limit: 3 });

    expect(page.history.map(label)).toEqual(everything.slice(-3));
    expect(page.earlier).toBe(`${minute(22).slice(0, -1)}000Z`);
  });
});
