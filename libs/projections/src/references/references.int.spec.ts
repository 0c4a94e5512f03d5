import type { SqlConnection } from '@provenance/event-store';
import { forEachSqlStore, OpenedStore } from '@provenance/testing';
import { PROVENANCE_FACTS_SCHEMA } from '../provenance/provenance-facts.schema';
import { resolveRepository, resolveSha } from './commit-reference';
import { resolveEnvironment } from './environment-reference';
import { resolveImage } from './image-reference';

const AT = '2026-11-25T08:00:00Z';
const digest = (hex: string) => `sha256:${hex.padEnd(64, '0')}`;
const sha = (hex: string) => hex.padEnd(40, '0');

async function image(db: SqlConnection, hex: string): Promise<void> {
  await db.query('INSERT INTO rm_images (digest, name, pinned_set_id, baked_at, recorded_at) VALUES ($1, $2, $3, $4, $4)', [digest(hex), `autobuild-${hex}.tar.gz`, digest('ee'), AT]);
}

async function deployment(db: SqlConnection, id: string, environment: string, imageHex: string): Promise<void> {
  await db.query(
    `INSERT INTO rm_deployments (deployment_id, environment, image_digest, nodes, started_at, deployed_by, policy_violations, recorded_at)
     VALUES ($1, $2, $3, '["m000"]', $4, 'ops', '[]', $4)`,
    [id, environment, digest(imageHex), AT],
  );
}

async function commit(db: SqlConnection, repository: string, hex: string): Promise<void> {
  await db.query(`INSERT INTO rm_commits (repository, sha, parents, author, message, committed_at, recorded_at) VALUES ($1, $2, '[]', 'dev', 'm', $3, $3)`, [repository, sha(hex), AT]);
}

async function build(db: SqlConnection, repository: string, hex: string): Promise<void> {
  await db.query(
    `INSERT INTO rm_builds (package, version, repository, sha, outcome, built_against, finished_at, recorded_at) VALUES ('katobs', '0.9.1', $1, $2, 'passed', '[]', $3, $3)`,
    [repository, sha(hex), AT],
  );
}

function referencesSuite(open: () => Promise<OpenedStore>) {
  let opened: OpenedStore;
  let db: SqlConnection;
  // One read model for every test: they only read it.
  beforeAll(async () => {
    opened = await open();
    db = opened.store.sqlConnection;
    await db.execScript(PROVENANCE_FACTS_SCHEMA);
    await image(db, '6fd89f09f325');
    await image(db, '6fd89f0aaaaa');
    await image(db, 'cf1e00b3dbf0');
    await deployment(db, 'dev-1', 'dev', 'b0b0b0b0b0b0');
    await commit(db, 'https://github.com/ska-sa/katcomp', 'a1b2c3d4e5');
    await build(db, 'https://github.com/ska-sa/katobs', 'c0ffee1234');
    await commit(db, 'https://github.com/ska-sa/katobs', 'c0ffee9999');
    await commit(db, 'https://gitlab.example.org/forks/katobs', 'd00d');
  });
  afterAll(() => opened.close());

  describe('images', () => {

    it('given the first 12 hex digits the tables print, then the image is found, with or without sha256:', async () => {
      expect(await resolveImage(db, '6fd89f09f325')).toEqual({ kind: 'found', value: digest('6fd89f09f325') });
      expect(await resolveImage(db, 'sha256:cf1e00b')).toEqual({ kind: 'found', value: digest('cf1e00b3dbf0') });
    });

    it('given a full digest, then it is found as it is', async () => {
      expect(await resolveImage(db, digest('cf1e00b3dbf0'))).toEqual({ kind: 'found', value: digest('cf1e00b3dbf0') });
    });

    it('given a prefix two images share, then both are the candidates', async () => {
      expect(await resolveImage(db, '6fd89f0')).toEqual({ kind: 'ambiguous', candidates: [digest('6fd89f09f325'), digest('6fd89f0aaaaa')] });
    });

    it('given an image only deployed, never recorded, then it is still known by its digest', async () => {
      expect(await resolveImage(db, 'b0b0b0b')).toEqual({ kind: 'found', value: digest('b0b0b0b0b0b0') });
    });

    it('given a digest with a typo after its first 7 hex digits, then it is unknown and the images sharing those are suggested', async () => {
      expect(await resolveImage(db, digest('cf1e00bXX'.replace(/X/g, 'f')))).toEqual({ kind: 'unknown', didYouMean: [digest('cf1e00b3dbf0')] });
    });

    it('given a prefix nothing starts with, then it is unknown with nothing to suggest', async () => {
      expect(await resolveImage(db, '1234567')).toEqual({ kind: 'unknown', didYouMean: [] });
    });
  });

  describe('commits', () => {

    it('given a repository as recorded, then it is found', async () => {
      expect(await resolveRepository(db, 'https://github.com/ska-sa/katcomp')).toEqual({ kind: 'found', value: 'https://github.com/ska-sa/katcomp' });
    });

    it('given the last path segment of one repository, then that repository is found', async () => {
      expect(await resolveRepository(db, 'katcomp')).toEqual({ kind: 'found', value: 'https://github.com/ska-sa/katcomp' });
    });

    it('given a last path segment two repositories end in, then both are the candidates', async () => {
      expect(await resolveRepository(db, 'katobs')).toEqual({ kind: 'ambiguous', candidates: ['https://github.com/ska-sa/katobs', 'https://gitlab.example.org/forks/katobs'] });
    });

    it('given a repository nobody recorded, then it is unknown and the known ones are listed', async () => {
      expect(await resolveRepository(db, 'katgui')).toEqual({
        kind: 'unknown',
        didYouMean: ['https://github.com/ska-sa/katcomp', 'https://github.com/ska-sa/katobs', 'https://gitlab.example.org/forks/katobs'],
      });
    });

    it('given a short sha of a commit known only from its build, then it is found', async () => {
      expect(await resolveSha(db, 'https://github.com/ska-sa/katobs', 'c0ffee1')).toEqual({ kind: 'found', value: sha('c0ffee1234') });
    });

    it('given a 7-digit prefix two commits of the repository share, then both are candidates', async () => {
      expect(await resolveSha(db, 'https://github.com/ska-sa/katobs', 'c0ffee')).toEqual({ kind: 'ambiguous', candidates: [sha('c0ffee1234'), sha('c0ffee9999')] });
    });

    it('given a sha of another repository, then it is unknown in this one', async () => {
      expect(await resolveSha(db, 'https://github.com/ska-sa/katcomp', 'c0ffee1')).toEqual({ kind: 'unknown', didYouMean: [] });
    });
  });

  describe('environments', () => {

    it('given an environment the pipeline names but nothing happened in, then it is known', async () => {
      expect(await resolveEnvironment(db, 'site', ['aqf-1', 'site'])).toEqual({ kind: 'found', value: 'site' });
    });

    it('given an environment only the log knows, then it is known', async () => {
      expect(await resolveEnvironment(db, 'dev', ['aqf-1', 'site'])).toEqual({ kind: 'found', value: 'dev' });
    });

    it('given an environment neither knows, then it is unknown and every known one is listed', async () => {
      expect(await resolveEnvironment(db, 'nosuch', ['site', 'aqf-1'])).toEqual({ kind: 'unknown', didYouMean: ['aqf-1', 'dev', 'site'] });
    });
  });
}

forEachSqlStore('references as people type them', referencesSuite);
