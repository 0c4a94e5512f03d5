import { Client } from 'pg';
import { describeWithService, dropSchema, postgresServer, uniqueSchemaName } from '@provenance/testing';
import { events } from '../contract/event-store-harness';
import type { EventToAppend } from '../event';
import { openPostgresEventStore } from './open-sql-event-store';
import { quoteIdentifier } from './sql-connection';
import { APPEND_TO_STREAM } from './event-log.sql';
import type { SqlEventStore } from './sql-event-store';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

const STREAM_LENGTH = 2_000;

/** Every node of `plan` that reads the events table or one of its indexes, as "node: rows". */
function eventReads(plan: PlanNode): { node: string; rows: number }[] {
  const here = plan['Relation Name'] === 'events' || plan['Index Name']?.startsWith('events_')
    ? [{ node: `${plan['Node Type']} ${plan['Index Name'] ?? plan['Relation Name']}`, rows: plan['Actual Rows'] * plan['Actual Loops'] }]
    : [];
  return [...here, ...(plan.Plans ?? []).flatMap(eventReads)];
}

describeWithService(postgresServer(), 'an append to a long stream (PostgreSQL)', (url) => {
  let schema: string;
  let store: SqlEventStore;
  let explained: Client;

  /** Runs the append function with auto_explain on, and returns what each statement inside it read of the events table. */
  async function readsOf(streamId: string, batch: EventToAppend[], expected: string): Promise<{ node: string; rows: number }[]> {
    const plans: PlanNode[] = [];
    const collect = (notice: { message?: string }) => {
      const json = notice.message?.slice(notice.message.indexOf('{'));
      if (json) plans.push((JSON.parse(json) as { Plan: PlanNode }).Plan);
    };
    explained.on('notice', collect);
    const payload = batch.map(({ id, type, data, metadata }) => ({ id, type, data, metadata: metadata ?? {} }));
    try {
      await explained.query(APPEND_TO_STREAM, [streamId, expected, JSON.stringify(payload)]);
    } finally {
      explained.off('notice', collect);
    }
    return plans.flatMap(eventReads);
  }

  beforeAll(async () => {
    schema = uniqueSchemaName('append_cost');
    store = await openPostgresEventStore({ connectionString: url, schema });
    for (let written = 0; written < STREAM_LENGTH; written += 500) await store.appendToStream('image-long', events(500));
    explained = new Client({ connectionString: url, options: `-c search_path=${quoteIdentifier(schema)}` });
    await explained.connect();
    await explained.query(`LOAD 'auto_explain'`);
    for (const setting of ['log_min_duration = 0', 'log_nested_statements = on', 'log_analyze = on', 'log_format = json', 'log_level = notice']) {
      await explained.query(`SET auto_explain.${setting}`);
    }
  });

  afterAll(async () => {
    await explained?.end();
    await store?.close();
    await dropSchema(url, schema);
  });

  it(`given a stream of ${STREAM_LENGTH} events, when one more is appended, then no step reads more of the log than the batch`, async () => {
    const reads = await readsOf('image-long', events(1), 'any');

    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((read) => read.rows > 1)).toEqual([]);
  });

  it(`given a stream of ${STREAM_LENGTH} events, when its last batch is resent, then the retry reads only that batch's rows and their neighbours`, async () => {
    const batch = events(3);
    await store.appendToStream('image-long', batch);

    const reads = await readsOf('image-long', batch, 'any');

    expect(reads.filter((read) => read.rows > batch.length)).toEqual([]);
  });
});
