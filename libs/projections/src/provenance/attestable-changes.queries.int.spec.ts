import { PGlite } from '@electric-sql/pglite';
import { openEmbeddedEventStore, RecordedEvent, SqlConnection } from '@provenance/event-store';
import { applyRowWrites } from '../row-writer';
import { attestableChangesOf } from './attestable-changes';
import { attestedSubjectsOf } from './attestable-changes.queries';
import { provenanceFactsProjection } from './provenance-facts.projection';
import { PROVENANCE_FACTS_SCHEMA } from './provenance-facts.schema';

const IMAGE = `sha256:${'d'.repeat(64)}`;
const SET = `sha256:${'5'.repeat(64)}`;
const KATCOMP = { repository: 'https://github.com/ska-sa/katcomp', sha: 'a1'.repeat(20) };

const event = (type: string, data: object) => ({ type, data, metadata: { recordedAt: '2026-11-24T12:00:00Z' }, revision: 0n }) as unknown as RecordedEvent;
const build = (pkg: string, version: string, builtAgainst: object[] = []) =>
  event('PackageBuildRecorded', {
    package: pkg, version, ...KATCOMP, outcome: 'passed', artifact: { filename: `${pkg}-${version}.whl`, sha256: 'c'.repeat(64) },
    buildUrl: null, builtAgainst, finishedAt: '2026-11-24T08:20:00Z',
  });
const pinnedSet = event('PinnedSetRecorded', {
  id: SET, name: 'site', builds: [], requirements: [{ name: 'katcomp', version: '1.4.0', url: null, hashes: [] }, { name: 'numpy', version: '1.26.4', url: null, hashes: [] }],
});
const image = event('ImageBaked', { digest: IMAGE, name: 'autobuild.tar.gz', pinnedSetId: SET, builderId: null, buildUrl: null, bakedAt: '2026-11-24T09:00:00Z' });

describe('whose signed statements a stretch of the log may change (embedded PostgreSQL)', () => {
  let close: () => Promise<void>;
  let db: SqlConnection;
  beforeAll(async () => {
    const store = await openEmbeddedEventStore({ database: await PGlite.create('memory://') });
    db = store.sqlConnection;
    close = () => store.close();
    await db.execScript(PROVENANCE_FACTS_SCHEMA);
    const facts = [pinnedSet, image, build('katcomp', '1.4.0', [{ package: 'katpoint', version: '0.10' }]), build('katpoint', '0.10'), build('katlonely', '2.0')];
    await db.transaction((tx) => applyRowWrites(tx, facts.flatMap((fact) => provenanceFactsProjection.evolve(fact))));
  });
  afterAll(() => close());

  const subjectsOf = (...events: RecordedEvent[]) => attestedSubjectsOf(db, attestableChangesOf(events));

  it('given a build the image\'s set names, then the image, and no build alone', async () => {
    expect(await subjectsOf(build('katcomp', '1.4.0'))).toEqual({ images: [IMAGE], loneBuilds: [] });
  });

  it('given a build that one in the set was built against, then the image (its build statement names it) and that build alone (no image carries its statement)', async () => {
    expect(await subjectsOf(build('katpoint', '0.10'))).toEqual({ images: [IMAGE], loneBuilds: [{ package: 'katpoint', version: '0.10' }] });
  });

  it('given the source commit of a build in the set, then the image', async () => {
    expect((await subjectsOf(event('CommitRecorded', KATCOMP))).images).toEqual([IMAGE]);
  });

  it('given the pinned set, then the image that names it', async () => {
    expect(await subjectsOf(pinnedSet)).toEqual({ images: [IMAGE], loneBuilds: [] });
  });

  it('given a build no set names, then that build alone', async () => {
    expect(await subjectsOf(build('katlonely', '2.0'))).toEqual({ images: [], loneBuilds: [{ package: 'katlonely', version: '2.0' }] });
  });
});
