import { Link } from 'react-router';
import { answerOf, api, type Schemas } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { Badge, environmentPath, ImageLink, outcomeState, ShortHash, When } from '../components/bits';
import { ProblemMessage } from '../session';

/**
 * The pause between the board's answers: a new fact shows within this plus two answers' time
 * (the issue asks for 2 s; an answer takes 0.1-0.3 s on the demo, more on a loaded machine).
 */
const REFRESH_MS = 600;

type Provenance = Schemas['ProvenanceAnswer'];

/** Every environment's card; each card's details come from its provenance answer. */
export function BoardPage() {
  const board = useAnswer(async () => {
    const { environments } = await answerOf(api.GET('/api/v1/environments'));
    const details = await Promise.all(
      environments.map((summary) => answerOf(api.GET('/api/v1/environments/{env}/provenance', { params: { path: { env: summary.environment } } }))),
    );
    return environments.map((summary, index) => ({ summary, view: details[index] }));
  }, 'board', REFRESH_MS);

  return (
    <>
      <h1>Environments</h1>
      <p className="muted">What runs where, refreshed by itself.</p>
      {board.problem && <ProblemMessage problem={board.problem} />}
      {board.data?.length === 0 && <p>Nothing is deployed yet. Record a deployment (see README.md, "Five-minute tour"), or run <code>npm run demo</code>.</p>}
      <ul className="cards" aria-label="Environments">
        {board.data?.map(({ summary, view }) => <EnvironmentCard key={summary.environment} view={view} />)}
      </ul>
    </>
  );
}

function EnvironmentCard({ view }: { view: Provenance }) {
  const patched = view.patches.length > 0;
  const differing = view.running.filter((running) => {
    const inImage = view.packages.find((pkg) => pkg.name === running.name);
    return inImage && inImage.version !== running.version;
  });
  return (
    <li className={`card${view.policyViolations.length > 0 ? ' card-violation' : ''}`} data-environment={view.environment}>
      <h2>
        <Link to={environmentPath(view.environment)}>{view.environment}</Link>
      </h2>
      {view.image ? (
        <dl>
          <dt>Image</dt>
          <dd>
            <ImageLink digest={view.image.digest} name={view.image.name} /> <ShortHash value={view.image.digest} />
          </dd>
          <dt>Since</dt>
          <dd>
            <When at={view.deployment?.startedAt} />
          </dd>
          <dt>Deployed by</dt>
          <dd>{view.deployment?.by ?? '—'}</dd>
          <dt>Release candidate</dt>
          <dd>
            {view.verification.releaseCandidate ? <Badge state="passed">yes</Badge> : <Badge state="pending">no</Badge>}{' '}
            {view.verification.aqfRuns.map((run) => (
              <Badge key={run.runId} state={outcomeState(run.outcome)}>
                {run.environment} {run.runId} {run.outcome}
              </Badge>
            ))}
          </dd>
          <dt>Drift</dt>
          <dd>
            {view.drift || patched ? (
              <>
                <Badge state="pending">{view.patches.length} patch{view.patches.length === 1 ? '' : 'es'} since</Badge>{' '}
                {differing.map((pkg) => `${pkg.name} ${pkg.version ?? '?'} on ${pkg.nodes.join(', ')}`).join('; ')}
              </>
            ) : (
              'none: runs as the image'
            )}
          </dd>
          <dt>Configuration</dt>
          <dd>{view.configRevision ? <ShortHash value={view.configRevision.sha} label="configuration sha" /> : '—'}</dd>
        </dl>
      ) : (
        <p className="muted">No image deployed.</p>
      )}
      {view.policyViolations.length > 0 && (
        <ul className="violations" aria-label={`Policy violations in ${view.environment}`}>
          {view.policyViolations.map((violation) => (
            <li key={violation}>{violation}</li>
          ))}
        </ul>
      )}
      {view.unresolved.length > 0 && <p><Badge state="unresolved">{view.unresolved.length} unresolved reference(s)</Badge></p>}
    </li>
  );
}
