import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { startApi } from './support/start-api';

describe('the raw facts over HTTP', () => {
  let app: INestApplication;
  let store: EventStore;

  beforeAll(async () => {
    app = await startApi({ PROVENANCE_DATA_DIR: 'memory://' });
    store = app.get(EVENT_STORE);
    // Types no projection or saga reads: the read models and sagas would refuse half facts of theirs.
    await store.appendToStream('example-a', [
      { id: randomUUID(), type: 'ExampleRecorded', data: { name: 'autobuild-1.tar.gz' }, metadata: { actor: 'jenkins' } },
      { id: randomUUID(), type: 'ExampleAmended', data: {} },
    ]);
    await store.appendToStream('example-b', [{ id: randomUUID(), type: 'OtherExampleRecorded', data: { sha: 'abc' } }]);
  });
  afterAll(() => app.close());

  it('given recorded events, when the health check is asked, then it is ok', async () => {
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
  });

  it('given three events, when the log is paged two at a time, then the pages join up with their metadata', async () => {
    const first = await request(app.getHttpServer()).get('/api/v1/audit/events?limit=2').expect(200);
    const second = await request(app.getHttpServer()).get(`/api/v1/audit/events?limit=2&after=${first.body.next}`).expect(200);

    expect(first.body.events.map((event: { type: string }) => event.type)).toEqual(['ExampleRecorded', 'ExampleAmended']);
    expect(first.body.events[0]).toMatchObject({
      streamId: 'example-a',
      revision: '0',
      data: { name: 'autobuild-1.tar.gz' },
      metadata: { actor: 'jenkins', recordedAt: expect.any(String) },
    });
    expect(second.body).toMatchObject({ events: [{ type: 'OtherExampleRecorded' }], next: null });
  });

  it('when a stream is read backwards, then its latest event comes first', async () => {
    const response = await request(app.getHttpServer())
      .get(`/api/v1/streams/${encodeURIComponent('example-a')}?direction=backwards&limit=1`)
      .expect(200);
    expect(response.body.events.map((event: { revision: string }) => event.revision)).toEqual(['1']);
  });

  it.each([
    ['/api/v1/audit/events?limit=0', 'limit must be at least 1'],
    ['/api/v1/audit/events?after=12', 'after must be a log position'],
    ['/api/v1/streams/s?direction=sideways', 'direction must be "forwards" or "backwards"'],
    ['/api/v1/streams/s?from=-1', 'from must be a revision'],
    ['/api/v1/streams/%24all', "must not start with '$'"],
    ['/api/v1/audit/events?streamPrefix=image%20x', 'streamPrefix must be 1-200 characters without spaces'],
    ['/api/v1/audit/events?type=Image-Recorded', 'type must be an event type such as ImageRecorded'],
  ])('when %s is asked, then 400 names the field and rule', async (url, message) => {
    const response = await request(app.getHttpServer()).get(url).expect(400);
    expect([response.body.message].flat().join("\n")).toContain(message);
  });
});

describe('the raw facts, filtered', () => {
  let app: INestApplication;
  const types = (response: request.Response) => (response.body as { events: { type: string; streamId: string }[] }).events.map((event) => `${event.streamId} ${event.type}`);

  beforeAll(async () => {
    // A filtered page reads past at most two other events here, so a few events show where it stops.
    app = await startApi({ PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_MAX_PAGE_SCAN: '2' });
    const store = app.get<EventStore>(EVENT_STORE);
    await store.appendToStream('example-a', [
      { id: randomUUID(), type: 'ExampleRecorded', data: {} },
      { id: randomUUID(), type: 'ExampleAmended', data: {} },
    ]);
    await store.appendToStream('example-b', [{ id: randomUUID(), type: 'OtherExampleRecorded', data: {} }]);
    await store.appendToStream('example-c', [{ id: randomUUID(), type: 'ExampleRecorded', data: {} }]);
  });
  afterAll(() => app.close());

  /** Every page of a filtered read, following `next` until it is null. */
  async function allPages(query: string): Promise<{ shown: string[]; pages: number }> {
    const shown: string[] = [];
    let after = '';
    for (let pages = 1; ; pages++) {
      const page = await request(app.getHttpServer()).get(`/api/v1/audit/events?${query}${after}`).expect(200);
      shown.push(...types(page));
      if (page.body.next === null) return { shown, pages };
      after = `&after=${page.body.next}`;
    }
  }

  it('given a stream prefix, then only those streams\' events are shown', async () => {
    const page = await request(app.getHttpServer()).get('/api/v1/audit/events?streamPrefix=example-a&limit=2').expect(200);

    expect(types(page)).toEqual(['example-a ExampleRecorded', 'example-a ExampleAmended']);
  });

  it('given a type, when two other events come first, then the page stops after reading past them and next goes on from there', async () => {
    const first = await request(app.getHttpServer()).get('/api/v1/audit/events?type=ExampleRecorded&limit=10').expect(200);
    const second = await request(app.getHttpServer()).get(`/api/v1/audit/events?type=ExampleRecorded&limit=10&after=${first.body.next}`).expect(200);

    expect(types(first)).toEqual(['example-a ExampleRecorded']);
    expect(first.body.next).toEqual(expect.any(String));
    expect(types(second)).toEqual(['example-c ExampleRecorded']);
    expect(second.body.next).toBeNull();
  });

  it('given a type no event has, then each page is empty but says where to go on, until the log ends', async () => {
    expect(await allPages('type=Nothing')).toEqual({ shown: [], pages: 3 });
  });

  it('given both filters, then an event must match both', async () => {
    expect(await allPages('type=ExampleRecorded&streamPrefix=example-c')).toEqual({ shown: ['example-c ExampleRecorded'], pages: 2 });
  });
});
