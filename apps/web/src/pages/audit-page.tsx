import { useState } from 'react';
import { answerOf, api, type Schemas } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { ProblemMessage } from '../session';

type Event = Schemas['RecordedEventAnswer'];

const PAGE_SIZE = 200;

/**
 * The raw log, a page at a time, in log order. The filters narrow the pages loaded so far (the
 * audit route has no filter parameters): "Load more" reads on from the last position.
 */
export function AuditPage() {
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const [prefix, setPrefix] = useState('');
  const [type, setType] = useState('');
  const key = pages.join(',');
  const log = useAnswer(async () => {
    const loaded = await Promise.all(pages.map((after) => answerOf(api.GET('/api/v1/audit/events', { params: { query: { limit: PAGE_SIZE, ...(after ? { after } : {}) } } }))));
    return { events: loaded.flatMap((page) => page.events), next: loaded.at(-1)?.next ?? null };
  }, key);
  const events = log.data?.events ?? [];
  const types = [...new Set(events.map((event) => event.type))].sort();
  const shown = events.filter((event) => event.streamId.startsWith(prefix) && (!type || event.type === type));
  return (
    <>
      <h1>Audit: the raw log</h1>
      <form className="moments" onSubmit={(event) => event.preventDefault()} aria-label="Filters">
        <label>
          Stream prefix
          <input value={prefix} onChange={(event) => setPrefix(event.target.value)} placeholder="image-, deployment-, commit-…" />
        </label>
        <label>
          Event type
          <select value={type} onChange={(event) => setType(event.target.value)}>
            <option value="">(any)</option>
            {types.map((one) => (
              <option key={one}>{one}</option>
            ))}
          </select>
        </label>
      </form>
      {log.problem && <ProblemMessage problem={log.problem} />}
      <p className="muted" role="status">
        {shown.length} of {events.length} events loaded.
      </p>
      <ol className="events">
        {shown.map((event) => (
          <EventItem key={`${event.streamId}-${event.revision}`} event={event} />
        ))}
      </ol>
      {log.data?.next && (
        <button type="button" onClick={() => setPages([...pages, log.data!.next!])}>
          Load more
        </button>
      )}
    </>
  );
}

function EventItem({ event }: { event: Event }) {
  return (
    <li>
      <details>
        <summary>
          <code>{event.type}</code> in <code>{event.streamId}</code> #{event.revision} · {event.metadata.recordedAt ?? ''} · {event.metadata.actor ?? ''}
        </summary>
        <pre tabIndex={0}>{JSON.stringify(event, null, 2)}</pre>
      </details>
    </li>
  );
}
