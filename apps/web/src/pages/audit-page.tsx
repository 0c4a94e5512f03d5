import { useState } from 'react';
import { answerOf, api, type Schemas } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { ProblemMessage } from '../session';

type Event = Schemas['RecordedEventAnswer'];
type Filters = { streamPrefix: string; type: string };

const PAGE_SIZE = 200;

/**
 * The raw log, a page at a time, in log order, filtered by the server (`streamPrefix`, `type`):
 * "Load more" reads on from where the last page stopped, which for a filtered page may be after
 * many events it read past.
 */
export function AuditPage() {
  const [draft, setDraft] = useState<Filters>({ streamPrefix: '', type: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const key = `${filters.streamPrefix}|${filters.type}|${pages.join(',')}`;
  const log = useAnswer(async () => {
    const query = { limit: PAGE_SIZE, ...(filters.streamPrefix ? { streamPrefix: filters.streamPrefix } : {}), ...(filters.type ? { type: filters.type } : {}) };
    const loaded = await Promise.all(pages.map((after) => answerOf(api.GET('/api/v1/audit/events', { params: { query: { ...query, ...(after ? { after } : {}) } } }))));
    return { events: loaded.flatMap((page) => page.events), next: loaded.at(-1)?.next ?? null };
  }, key);
  const events = log.data?.events ?? [];
  const knownTypes = [...new Set(events.map((event) => event.type))].sort();
  const filtered = Boolean(filters.streamPrefix || filters.type);
  return (
    <>
      <h1>Audit: the raw log</h1>
      <form
        className="moments"
        aria-label="Filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ streamPrefix: draft.streamPrefix.trim(), type: draft.type.trim() });
          setPages([undefined]);
        }}
      >
        <label>
          Stream prefix
          <input value={draft.streamPrefix} onChange={(event) => setDraft({ ...draft, streamPrefix: event.target.value })} placeholder="image-, deployment-, commit-…" />
        </label>
        <label>
          Event type
          <input value={draft.type} onChange={(event) => setDraft({ ...draft, type: event.target.value })} list="event-types" placeholder="ImageBaked, DeploymentStarted…" />
          <datalist id="event-types">
            {knownTypes.map((one) => (
              <option key={one} value={one} />
            ))}
          </datalist>
        </label>
        <button type="submit">Show</button>
      </form>
      {log.problem && <ProblemMessage problem={log.problem} />}
      <p className="muted" role="status">
        {log.loading ? 'Loading…' : `${events.length} events${filtered ? ' that match' : ''} loaded${log.data?.next ? '; there may be more' : ''}.`}
      </p>
      <ol className="events">
        {events.map((event) => (
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
