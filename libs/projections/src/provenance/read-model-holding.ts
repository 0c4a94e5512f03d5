import { PGlite } from '@electric-sql/pglite';
import { openEmbeddedEventStore, RecordedEvent, SqlConnection } from '@provenance/event-store';
import { applyRowWrites } from '../row-writer';
import { provenanceFactsProjection } from './provenance-facts.projection';
import { PROVENANCE_FACTS_SCHEMA } from './provenance-facts.schema';

/** For the query specs: a fact as the log would hand it to the projection, recorded on 2026-11-24. */
export const fact = (type: string, data: object) => ({ type, data, metadata: { recordedAt: '2026-11-24T12:00:00Z' }, revision: 0n }) as unknown as RecordedEvent;

/** For the query specs: the provenance read model in an in-memory PGlite, holding the rows of `facts`. */
export async function readModelHolding(facts: RecordedEvent[]): Promise<{ db: SqlConnection; close(): Promise<void> }> {
  const store = await openEmbeddedEventStore({ database: await PGlite.create('memory://') });
  const db = store.sqlConnection;
  await db.execScript(PROVENANCE_FACTS_SCHEMA);
  await db.transaction((tx) => applyRowWrites(tx, facts.flatMap((one) => provenanceFactsProjection.evolve(one))));
  return { db, close: () => store.close() };
}
