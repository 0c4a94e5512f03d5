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
  ])('when %s is asked, then 400 names the field and rule', async (url, message) => {
    const response = await request(app.getHttpServer()).get(url).expect(400);
    expect([response.body.message].flat().join("\n")).toContain(message);
  });
});
