import type { RecordedEvent, SqlConnection } from '@provenance/event-store';
import { attestableChangesOf } from './attestable-changes';
import { attestedSubjectsOf } from './attestable-changes.queries';
import { fact, readModelHolding } from './read-model-holding';

const IMAGE = `sha256:${'d'.repeat(64)}`;
const SET = `sha256:${'5'.repeat(64)}`;
const KATCOMP = { repository: 'https://github.com/ska-sa/katcomp', sha: 'a1'.repeat(20) };

const build = (pkg: string, version: string, builtAgainst: object[] = []) =>
  fact('PackageBuildRecorded', {
    package: pkg, version, ...KATCOMP, outcome: 'passed', artifact: { filename: `${pkg}-${version}.whl`, sha256: 'c'.repeat(64) },
    buildUrl: null, builtAgainst, finishedAt: '2026-11-24T08:20:00Z',
  });
const pinnedSet = fact('PinnedSetRecorded', {
  id: SET, name: 'site', builds: [], requirements: [{ name: 'katcomp', version: '1.4.0', url: null, hashes: [] }, { name: 'numpy', version: '1.26.4', url: null, hashes: [] }],
});
const image = fact('ImageBaked', { digest: IMAGE, name: 'autobuild.tar.gz', pinnedSetId: SET, builderId: null, buildUrl: null, bakedAt: '2026-11-24T09:00:00Z' });

describe('whose signed statements a stretch of the log may change (embedded PostgreSQL)', () => {
  let close: () => Promise<void>;
  let db: SqlConnection;
  beforeAll(async () => {
    ({ db, close } = await readModelHolding([pinnedSet, image, build('katcomp', '1.4.0', [{ package: 'katpoint', version: '0.10' }]), build('katpoint', '0.10'), build('katlonely', '2.0')]));
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
    expect((await subjectsOf(fact('CommitRecorded', KATCOMP))).images).toEqual([IMAGE]);
  });

  it('given the pinned set, then the image that names it', async () => {
    expect(await subjectsOf(pinnedSet)).toEqual({ images: [IMAGE], loneBuilds: [] });
  });

  it('given a build no set names, then that build alone', async () => {
    expect(await subjectsOf(build('katlonely', '2.0'))).toEqual({ images: [], loneBuilds: [{ package: 'katlonely', version: '2.0' }] });
  });
});
