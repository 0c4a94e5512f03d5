import type { SqlConnection } from '@provenance/event-store';
import { diffOf } from './diff.queries';
import { fact, readModelHolding } from './read-model-holding';

const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 86_400_000).toISOString();
const repository = (name: string) => `https://github.com/ska-sa/${name}`;
const shaOf = (name: string, n: number) => `${name.padEnd(8, '0').slice(0, 8)}${String(n).padStart(32, '0')}`;

/** Commits 1..5 of a repository, a day apart; `offset` days later than the others' so their times interleave. */
const commits = (name: string, offset: number) =>
  Array.from({ length: 5 }, (_, n) =>
    fact('CommitRecorded', { repository: repository(name), sha: shaOf(name, n + 1), parents: [], branch: 'master', author: 'dev', message: `${name} ${n + 1}`, committedAt: day(2 * (n + 1) + offset) }),
  );
const build = (name: string, version: string, commit: number) =>
  fact('PackageBuildRecorded', {
    package: name, version, repository: repository(name), sha: shaOf(name, commit), outcome: 'passed',
    artifact: null, buildUrl: null, builtAgainst: [], finishedAt: day(20),
  });
const pinnedSet = (id: string, pins: [string, string][]) =>
  fact('PinnedSetRecorded', { id, name: id, builds: [], requirements: pins.map(([name, version]) => ({ name, version, url: null, hashes: [] })) });
const image = (digest: string, pinnedSetId: string) => fact('ImageBaked', { digest, name: `${digest}.tar.gz`, pinnedSetId, builderId: null, buildUrl: null, bakedAt: day(21) });

describe('a diff of two images with several changed packages (embedded PostgreSQL)', () => {
  let close: () => Promise<void>;
  let db: SqlConnection;

  beforeAll(async () => {
    ({ db, close } = await readModelHolding([
      ...commits('katcomp', 0),
      ...commits('katobs', 1),
      ...commits('katcore', 0),
      build('katcomp', '1.0', 1), build('katcomp', '1.4', 5),
      build('katobs', '2.3', 4), build('katobs', '2.1', 2),
      build('katcore', '3.0', 2), build('katcore', '3.1', 3),
      // Pinned, but never built here: its change has no commits to show.
      pinnedSet('old', [['katcomp', '1.0'], ['katobs', '2.3'], ['katcore', '3.0'], ['numpy', '1.26.4']]),
      pinnedSet('new', [['katcomp', '1.4'], ['katobs', '2.1'], ['katcore', '3.1'], ['numpy', '2.0.0']]),
      image('old', 'old'),
      image('new', 'new'),
    ]));
  });
  afterAll(() => close());

  it('given upgrades and a downgrade in three repositories, then each change lists its own repository\'s commits between its two builds, oldest first', async () => {
    const diff = await diffOf(db, 'old', 'new');

    const byName = Object.fromEntries(diff.changed.map((change) => [change.name, change]));
    expect(Object.keys(byName).sort()).toEqual(['katcomp', 'katcore', 'katobs', 'numpy']);
    expect(byName.katcomp).toMatchObject({ direction: 'upgrade', fromSha: shaOf('katcomp', 1), toSha: shaOf('katcomp', 5) });
    expect(byName.katcomp.commits.map((c) => c.sha)).toEqual([2, 3, 4, 5].map((n) => shaOf('katcomp', n)));
    expect(byName.katobs).toMatchObject({ direction: 'downgrade', fromSha: shaOf('katobs', 4), toSha: shaOf('katobs', 2) });
    expect(byName.katobs.commits.map((c) => c.sha)).toEqual([3, 4].map((n) => shaOf('katobs', n)));
    expect(byName.katcore.commits.map((c) => c.sha)).toEqual([shaOf('katcore', 3)]);
    expect(byName.numpy).toMatchObject({ direction: 'unknown', commits: [] });
  });

  it('given the same image on both sides, then nothing changed and no commits are asked for', async () => {
    const diff = await diffOf(db, 'new', 'new');

    expect(diff).toMatchObject({ added: [], removed: [], changed: [], unresolved: [] });
  });
});
