import { createServer } from 'node:net';
import { AppendUnsupported, InvalidAppend, LogUnavailable } from '../errors';
import { anEvent } from '../contract/event-store-harness';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/** A port nothing listens on: taken from the OS, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Needs no EventStoreDB: what the adapter does before the network, and when nobody answers.
describe('EventStoreDB adapter without a server', () => {
  let store: EventStoreDbEventStore;
  let url: string;
  beforeAll(async () => {
    url = `esdb://admin:hunter2@127.0.0.1:${await closedPort()}?tls=false`;
    store = new EventStoreDbEventStore({ connectionString: url, namespace: 'unreachable.', deadlineMs: 5_000 });
  });
  afterAll(() => store.close());

  it('given bad input, then it is refused by the shared validation, never reaching the network', async () => {
    await expect(store.appendToStream('s', [{ ...anEvent(), type: '' }])).rejects.toMatchObject({ field: 'events[0].type', rule: 'not-empty' });
    await expect(store.appendToNewStreams([{ streamId: 'good', events: [anEvent()] }, { streamId: '$bad', events: [anEvent()] }])).rejects.toThrow(InvalidAppend);
    await expect(store.readStream('')).rejects.toThrow(InvalidAppend);
  });

  it('given withNewStream, then the append is refused whole before the network', async () => {
    const refused = store.appendToStream('fact', [anEvent()], { withNewStream: { streamId: 'claim', events: [anEvent()] } });
    await expect(refused).rejects.toThrow(AppendUnsupported);
    await expect(refused).rejects.toThrow('nothing was written');
  });

  it('given no server answers, then reads, appends and the start-up check fail with LogUnavailable, without the password', async () => {
    for (const call of [() => store.check(), () => store.readAll(), () => store.appendToStream('s', [anEvent()], { expectedRevision: 'no-stream' })]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LogUnavailable);
      expect((error as Error).message).toContain(`127.0.0.1:${new URL(url.replace('esdb', 'http')).port}`);
      expect((error as Error).message).not.toContain('hunter2');
    }
  }, 20_000);
});
