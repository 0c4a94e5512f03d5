import { Link, useParams } from 'react-router';
import { answerOf, api, type Schemas } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { Badge, ImageLink, When } from '../components/bits';
import { ProblemMessage } from '../session';

type Run = Schemas['PipelineRunAnswer'];
type Stage = Schemas['StageRequestAnswer'];

const duration = (seconds: number | null) => (seconds === null ? '—' : seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`);

export function RunsPage() {
  const runs = useAnswer(() => answerOf(api.GET('/api/v1/pipeline-runs', { params: { query: { limit: 50 } } })), 'runs', 5000);
  return (
    <>
      <h1>Pipeline runs</h1>
      {runs.problem && <ProblemMessage problem={runs.problem} />}
      {runs.data?.runs.length === 0 && <p>No pipeline run yet: the sagas open one when leaf builds are recorded.</p>}
      {runs.data?.runs.map((run) => (
        <section key={run.runId} className="run" aria-labelledby={`run-${run.runId}`}>
          <h2 id={`run-${run.runId}`}>
            <Link to={`/runs/${encodeURIComponent(run.runId)}`}>{run.runId}</Link> <RunState run={run} />
          </h2>
          <p className="muted">
            Started <When at={run.startedAt} />; lead time {duration(run.leadTimeSeconds)}; {run.stages.filter((stage) => stage.state === 'open').length} open request(s).
          </p>
          <Gantt run={run} />
        </section>
      ))}
    </>
  );
}

export function RunPage() {
  const runId = useParams().runId!;
  const run = useAnswer(() => answerOf(api.GET('/api/v1/pipeline-runs/{runId}', { params: { path: { runId } } })), runId, 5000);
  if (run.problem)
    return (
      <>
        <h1>Pipeline run {runId}</h1>
        <ProblemMessage problem={run.problem} />
      </>
    );
  if (!run.data) return <p className="muted">Loading…</p>;
  const data = run.data;
  return (
    <>
      <h1>
        Pipeline run {data.runId} <RunState run={data} />
      </h1>
      <p className="summary">
        Started <When at={data.startedAt} />, ended <When at={data.endedAt} />; lead time {duration(data.leadTimeSeconds)} (from the earliest commit, <When at={data.earliestCommitAt} />).
        {data.imageDigest && (
          <>
            {' '}
            Image <ImageLink digest={data.imageDigest} />.
          </>
        )}
      </p>
      <Gantt run={data} />
      <table>
        <caption>Stage requests</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">State</th>
            <th scope="col">Requested</th>
            <th scope="col">Deadline</th>
            <th scope="col">Answered</th>
            <th scope="col">Answer</th>
          </tr>
        </thead>
        <tbody>
          {data.stages.map((stage) => (
            <tr key={stage.requestId}>
              <th scope="row">{stage.stage}</th>
              <td>
                <StageState stage={stage} />
              </td>
              <td><When at={stage.requestedAt} /></td>
              <td><When at={stage.deadline} /></td>
              <td><When at={stage.answeredAt} /></td>
              <td>{stage.answer ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Builds that started it</h2>
      <ul>
        {data.builds.map((build) => (
          <li key={`${build.package}@${build.version}`}>
            {build.package} {build.version}, <When at={build.finishedAt} />
          </li>
        ))}
      </ul>
    </>
  );
}

function RunState({ run }: { run: Run }) {
  return <Badge state={run.state === 'release-candidate' ? 'passed' : run.state === 'rejected' ? 'failed' : 'pending'}>{run.state}</Badge>;
}

function StageState({ stage }: { stage: Stage }) {
  return <Badge state={stage.state === 'answered' ? 'passed' : stage.state === 'timed-out' ? 'violation' : 'pending'}>{stage.state}</Badge>;
}

/** Each stage's request as a bar from requested to answered (or to its deadline, or now, while open); timed out in amber. */
function Gantt({ run }: { run: Run }) {
  const now = Date.now();
  const ends = run.stages.map((stage) => Date.parse(stage.answeredAt ?? (stage.state === 'timed-out' ? stage.deadline : new Date(Math.min(now, Date.parse(stage.deadline))).toISOString())));
  const first = Math.min(Date.parse(run.startedAt), ...run.stages.map((stage) => Date.parse(stage.requestedAt)));
  const last = Math.max(first + 1000, ...ends);
  const span = last - first;
  return (
    <ol className="gantt" aria-label={`Stages of ${run.runId}`}>
      {run.stages.map((stage, index) => {
        const left = ((Date.parse(stage.requestedAt) - first) / span) * 100;
        const width = Math.min(100 - left, Math.max(1, ((ends[index] - Date.parse(stage.requestedAt)) / span) * 100));
        return (
          <li key={stage.requestId}>
            <span className="gantt-label">{stage.stage}</span>
            <span className="gantt-track">
              <span className={`gantt-bar gantt-${stage.state}`} style={{ left: `${left}%`, width: `${width}%` }} title={`${stage.stage}: ${stage.state}, requested ${stage.requestedAt}`}>
                {stage.state}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
