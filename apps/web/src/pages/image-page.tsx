import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { answerOf, api, problemOf, type Schemas } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { Badge, commitPath, ShortHash, When } from '../components/bits';
import { GraphView } from '../lineage/graph-view';
import { laidOut, lineageGraph, type Deployment, type PlacedNode } from '../lineage/lineage-graph';
import { ProblemMessage, useSession } from '../session';

/** An image's lineage as a graph, the picked node's fact and raw events, and the release decision. */
export function ImagePage() {
  const digest = useParams().digest!;
  const { may } = useSession();
  const [expanded, setExpanded] = useState(false);
  const [picked, setPicked] = useState<PlacedNode | undefined>();
  const answer = useAnswer(async () => {
    const lineage = await answerOf(api.GET('/api/v1/images/{digest}/lineage', { params: { path: { digest } } }));
    return { lineage, deployments: await deploymentsOf(lineage.image.digest) };
  }, digest);
  const graph = useMemo(() => answer.data && laidOut(lineageGraph(answer.data.lineage, answer.data.deployments, expanded)), [answer.data, expanded]);

  if (answer.problem) return <><h1>Image {digest}</h1><ProblemMessage problem={answer.problem} /></>;
  if (!answer.data || !graph) return <p className="muted">Loading the lineage…</p>;
  const { lineage } = answer.data;
  return (
    <>
      <h1>
        Lineage of {lineage.image.name ?? 'image'} <ShortHash value={lineage.image.digest} />
      </h1>
      <p className="summary">
        Baked <When at={lineage.image.bakedAt} /> by {lineage.image.builderId ?? '—'}.{' '}
        {lineage.releaseCandidate ? <Badge state="passed">release candidate</Badge> : <Badge state="pending">not a release candidate</Badge>}{' '}
        {lineage.unresolved.length > 0 && <Badge state="unresolved">{lineage.unresolved.length} unresolved</Badge>}{' '}
        <Link to={`/diff?to=${encodeURIComponent(lineage.image.digest)}`}>Diff against another image</Link>
      </p>
      <Legend />
      <p>
        <button type="button" aria-pressed={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Collapse the third-party packages' : 'Show each third-party package'}
        </button>
      </p>
      <div className="lineage">
        <GraphView
          {...graph}
          selected={picked?.id}
          onSelect={(node) => (node.kind === 'third-party' && node.id === 'third-party' ? setExpanded(true) : setPicked(node))}
        />
        <aside className="fact" aria-label="The picked fact">
          {picked ? <FactPanel node={picked} /> : <p className="muted">Pick a box (click, or Tab then Enter) to see its fact and the raw events behind it.</p>}
        </aside>
      </div>
      {may('decide') && <DecisionForm digest={lineage.image.digest} onDecided={answer.reload} />}
      <Decisions decisions={lineage.decisions} />
    </>
  );
}

/** Deployments of this image, from every environment's history. */
async function deploymentsOf(digest: string): Promise<Deployment[]> {
  const { environments } = await answerOf(api.GET('/api/v1/environments'));
  const histories = await Promise.all(environments.map((one) => answerOf(api.GET('/api/v1/environments/{env}/history', { params: { path: { env: one.environment } } }))));
  return histories.flatMap(({ environment, history }) => history.filter((entry) => entry.kind === 'deployment' && entry.imageDigest === digest).map((entry) => ({ environment, entry })));
}

function Legend() {
  return (
    <p className="legend" aria-label="Colours">
      <Badge state="passed">passed</Badge> <Badge state="failed">failed</Badge> <Badge state="pending">pending</Badge> <Badge state="unresolved">unresolved</Badge>{' '}
      <Badge state="violation">policy violation</Badge>
    </p>
  );
}

function FactPanel({ node }: { node: PlacedNode }) {
  const events = useAnswer(
    async () => (node.streamId ? answerOf(api.GET('/api/v1/streams/{streamId}', { params: { path: { streamId: node.streamId }, query: { limit: 20 } } })) : undefined),
    node.id,
  );
  return (
    <>
      <h2>
        {node.kind}: {node.label}
      </h2>
      {node.source && (
        <p>
          <Link to={commitPath(node.source.repository, node.source.sha)}>Where is commit {node.source.sha.slice(0, 12)}?</Link>
        </p>
      )}
      <h3>Fact</h3>
      <pre tabIndex={0}>{JSON.stringify(node.fact, null, 2)}</pre>
      <h3>Raw events {node.streamId && <code>{node.streamId}</code>}</h3>
      {!node.streamId && <p className="muted">No stream of its own: a third-party package is known only from the pinned set.</p>}
      {events.problem && <ProblemMessage problem={events.problem} />}
      {events.data?.events.map((event) => (
        <details key={event.id}>
          <summary>
            {event.type} (revision {event.revision})
          </summary>
          <pre tabIndex={0}>{JSON.stringify(event, null, 2)}</pre>
        </details>
      ))}
    </>
  );
}

function DecisionForm({ digest, onDecided }: { digest: string; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const [said, setSaid] = useState<{ ok: boolean; text: string } | undefined>();
  const decide = async (decision: 'promote' | 'reject', event?: FormEvent) => {
    event?.preventDefault();
    if (!reason.trim()) return setSaid({ ok: false, text: 'Say why first: the reason is kept with the decision.' });
    const { response, error } = await api.POST('/api/v1/images/{digest}/decision', { params: { path: { digest } }, body: { decision, reason: reason.trim() } });
    if (response.ok) {
      setSaid({ ok: true, text: `${decision === 'promote' ? 'Promoted' : 'Rejected'}: recorded.` });
      onDecided();
    } else setSaid({ ok: false, text: problemOf(response.status, error).message });
  };
  return (
    <form className="decision" onSubmit={(event) => void decide('promote', event)} aria-labelledby="decision-title">
      <h2 id="decision-title">Release decision</h2>
      <label htmlFor="decision-reason">Reason</label>
      <input id="decision-reason" value={reason} onChange={(event) => setReason(event.target.value)} required />
      <button type="submit">Promote</button>{' '}
      <button type="button" className="danger" onClick={() => void decide('reject')}>
        Reject
      </button>
      {said && (
        <p role="status" className={said.ok ? 'ok' : 'problem'}>
          {said.text}
        </p>
      )}
    </form>
  );
}

function Decisions({ decisions }: { decisions: Schemas['DecisionAnswer'][] }) {
  if (decisions.length === 0) return null;
  return (
    <table>
      <caption>Decisions on this image</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Decision</th>
          <th scope="col">By</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((decision) => (
          <tr key={decision.decidedAt + decision.by}>
            <td>
              <When at={decision.decidedAt} />
            </td>
            <td>{decision.releaseCandidate ? 'release candidate' : 'rejected'}</td>
            <td>{decision.automatic ? 'policy' : decision.by}</td>
            <td>{decision.reason ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
