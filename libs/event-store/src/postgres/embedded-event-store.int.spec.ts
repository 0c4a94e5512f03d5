import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, anEvent } from '../contract/event-store.contract';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from './migrations';
import { DEFAULT_SCHEMA, openEmbeddedEventStore } from './open-sql-event-store';
import { PgliteConnection } from './pglite-connection';

describe('embedded event store (PGlite)', () => {
  // Starting PGlite takes seconds; cloning a migrated one takes a fraction of that.
  let template: PGlite;
  beforeAll(async () => {
    template = await PGlite.create('memory://');
    await migrate(await PgliteConnection.open({ database: template, schema: DEFAULT_SCHEMA }), DEFAULT_SCHEMA);
  });
  afterAll(() => template.close());

  eventStoreContract({
    open: async (options = {}) => {
      const store = await openEmbeddedEventStore({ database: await template.clone(), ...options });
      return { store, close: () => store.close() };
    },
    lateAppendsUnsupported: 'PGlite runs one statement at a time, so no transaction can stay open beside others',
  });

  describe('kept in a directory', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'provenance-embedded-'));
    });
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it('given events written and the store closed, when it is reopened, then the events are still there', async () => {
      const first = await openEmbeddedEventStore({ dataDir });
      const event = anEvent('CommitRecorded', { sha: 'f00' });
      const { events: [written] } = await first.appendToStream('commit', [event]);
      await first.close();

      const reopened = await openEmbeddedEventStore({ dataDir });
      try {
        const read = await reopened.readAll();
        expect(read).toHaveLength(1);
        expect(read[0]).toMatchObject({ id: event.id, data: { sha: 'f00' }, position: written.position });
        const retry = await reopened.appendToStream('commit', [event]);
        expect(retry.alreadyRecorded).toBe(true);
      } finally {
        await reopened.close();
      }
    });
  });
});
