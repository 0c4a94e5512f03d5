import { Link, useParams } from 'react-router';
import { answerOf, api, type Schemas } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { Badge, environmentPath, ImageLink, repositoryCommitUrl, ShortHash, When } from '../components/bits';
import { ProblemMessage } from '../session';

type Interval = Schemas['ImpactIntervalAnswer'];

/** Where a commit runs or ran: per environment, the intervals, with the builds, pinned sets and images between. */
export function CommitPage() {
  const { repository, sha } = useParams() as { repository: string; sha: string };
  const impact = useAnswer(() => answerOf(api.GET('/api/v1/commits/{repository}/{sha}/impact', { params: { path: { repository, sha } } })), `${repository} ${sha}`);
  if (impact.problem)
    return (
      <>
        <h1>Where is commit {sha.slice(0, 12)}?</h1>
        <ProblemMessage problem={impact.problem} />
      </>
    );
  if (!impact.data) return <p className="muted">Loading…</p>;
  const { commit, builds, pinnedSets, images, environments } = impact.data;
  const url = repositoryCommitUrl(commit.repository, commit.sha);
  const byEnvironment = Map.groupBy(environments, (interval) => interval.environment);
  const starts = environments.map((one) => Date.parse(one.from));
  const first = Math.min(...starts, Date.parse(commit.committedAt ?? environments[0]?.from ?? new Date().toISOString()));
  const last = Date.now();
  return (
    <>
      <h1>
        Where is commit <ShortHash value={commit.sha} label="sha" />?
      </h1>
      <p className="summary">
        {url ? <a href={url}>{commit.repository}</a> : commit.repository}: {commit.message ?? '(message not on record)'} — {commit.author ?? 'author unknown'}, <When at={commit.committedAt} />
        {!commit.recorded && <Badge state="unresolved">commit not on record; builds name it</Badge>}
      </p>
      <section aria-labelledby="where-title">
        <h2 id="where-title">Where it ran</h2>
        {environments.length === 0 && <p>It has not run in any environment yet.</p>}
        {environments.length > 0 && (
          <p className="lane-axis muted">
            from <When at={new Date(first).toISOString()} /> to now; a bar is an interval it ran (a deployment of an image, or a patch), outlined while it still runs
          </p>
        )}
        {[...byEnvironment].map(([environment, intervals]) => (
          <div key={environment} className="lane">
            <h3>
              <Link to={environmentPath(environment)}>{environment}</Link>
            </h3>
            <div className="lane-bar" role="list" aria-label={`Intervals in ${environment}`}>
              {intervals.map((interval) => (
                <IntervalBar key={`${interval.from}-${interval.deploymentId ?? interval.patchId}`} interval={interval} first={first} last={last} />
              ))}
            </div>
          </div>
        ))}
      </section>
      <section aria-labelledby="chain-title">
        <h2 id="chain-title">In between</h2>
        <table>
          <caption>Builds of the commit</caption>
          <thead>
            <tr>
              <th scope="col">Package</th>
              <th scope="col">Version</th>
              <th scope="col">Outcome</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {builds.map((build) => (
              <tr key={`${build.package}@${build.version}`}>
                <td>{build.package}</td>
                <td>{build.version}</td>
                <td>{build.outcome}</td>
                <td>
                  <When at={build.finishedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul>
          {pinnedSets.map((set) => (
            <li key={set.id}>
              Pinned set {set.name} ({set.id.slice(0, 12)}): {set.packages.join(', ')}
            </li>
          ))}
          {images.map((image) => (
            <li key={image.digest}>
              Image <ImageLink digest={image.digest} name={image.name} />, baked <When at={image.bakedAt} />{' '}
              {image.releaseCandidate ? <Badge state="passed">release candidate</Badge> : <Badge state="pending">not a candidate</Badge>}{' '}
              {image.aqfRuns.map((run) => `${run.runId} ${run.outcome ?? 'running'}`).join(', ')}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function IntervalBar({ interval, first, last }: { interval: Interval; first: number; last: number }) {
  const span = Math.max(1, last - first);
  const from = Date.parse(interval.from);
  const until = interval.until ? Date.parse(interval.until) : last;
  const left = ((from - first) / span) * 100;
  const width = Math.min(100 - left, Math.max(1.5, ((until - from) / span) * 100));
  const label = `${interval.via} ${interval.deploymentId ?? interval.patchId}: from ${interval.from} ${interval.until ? `until ${interval.until}` : 'until now (running)'}`;
  return (
    <span role="listitem" className={`interval interval-${interval.via}${interval.runningNow ? ' interval-now' : ''}`} style={{ left: `${left}%`, width: `${width}%` }} title={label} aria-label={label}>
      {interval.deploymentId ?? interval.patchId}
    </span>
  );
}
