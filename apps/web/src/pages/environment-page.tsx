import { Link, useParams, useSearchParams } from 'react-router';
import { answerOf, api, type Schemas } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { Badge, commitPath, ImageLink, imagePath, repositoryCommitUrl, ShortHash, When } from '../components/bits';
import { ProblemMessage } from '../session';

type Package = Schemas['PackageAnswer'];

/** `datetime-local` works in local time without seconds; the URL keeps ISO times in UTC. */
const toInput = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16) : '');
const fromInput = (value: string) => (value ? new Date(`${value}:59.999Z`).toISOString() : '');

/** What runs in one environment, as it ran `at`, as the log knew it `knownAt`, with its history. */
export function EnvironmentPage() {
  const environment = useParams().environment!;
  const [search, setSearch] = useSearchParams();
  const at = search.get('at');
  const knownAt = search.get('knownAt');
  const setMoment = (name: 'at' | 'knownAt', value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next);
  };
  const query = { ...(at ? { at } : {}), ...(knownAt ? { knownAt } : {}) };
  const view = useAnswer(
    () => answerOf(api.GET('/api/v1/environments/{env}/provenance', { params: { path: { env: environment }, query } })),
    `${environment} ${at} ${knownAt}`,
  );
  // The newest page of the history, or the one before `historyBefore` (the `earlier` of a newer page).
  const historyBefore = search.get('historyBefore');
  const history = useAnswer(
    () => answerOf(api.GET('/api/v1/environments/{env}/history', { params: { path: { env: environment }, query: historyBefore ? { before: historyBefore } : {} } })),
    `${environment} ${historyBefore}`,
  );
  const pageTo = (before: string | null) => {
    const next = new URLSearchParams(search);
    if (before) next.set('historyBefore', before);
    else next.delete('historyBefore');
    setSearch(next);
  };

  return (
    <>
      <h1>What runs in {environment}</h1>
      <form className="moments" onSubmit={(event) => event.preventDefault()} aria-label="Time travel">
        <label>
          As it ran at (UTC)
          <input type="datetime-local" value={toInput(at)} onChange={(event) => setMoment('at', fromInput(event.target.value))} />
        </label>
        <label>
          As known at (UTC)
          <input type="datetime-local" value={toInput(knownAt)} onChange={(event) => setMoment('knownAt', fromInput(event.target.value))} />
        </label>
        {(at || knownAt) && (
          <button type="button" onClick={() => setSearch(new URLSearchParams())}>
            Now
          </button>
        )}
      </form>
      {history.data && (
        <Timeline
          entries={history.data.history}
          at={at}
          onPick={(moment) => setMoment('at', moment)}
          earlier={history.data.earlier ? () => pageTo(history.data!.earlier) : null}
          newest={historyBefore ? () => pageTo(null) : null}
        />
      )}
      {view.problem && <ProblemMessage problem={view.problem} />}
      {view.loading && !view.data && <p className="muted">Loading…</p>}
      {view.data && <Answer view={view.data} />}
    </>
  );
}

interface TimelineProps {
  entries: Schemas['HistoryEntryAnswer'][];
  at: string | null;
  onPick: (at: string) => void;
  /** Shows the page before this one; null when this page reaches the first entry. */
  earlier: (() => void) | null;
  /** Back to the newest page; null when this is it. */
  newest: (() => void) | null;
}

function Timeline({ entries, at, onPick, earlier, newest }: TimelineProps) {
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {(earlier || newest) && (
        <p className="pager">
          {earlier && (
            <button type="button" onClick={earlier}>
              Earlier entries
            </button>
          )}{' '}
          {newest && (
            <button type="button" onClick={newest}>
              Newest entries
            </button>
          )}
        </p>
      )}
      <ol className="timeline">
        {entries.map((entry, index) => {
          const what =
            entry.kind === 'deployment'
              ? `deployment ${entry.deploymentId} of ${entry.imageDigest?.replace(/^sha256:/, '').slice(0, 12)} by ${entry.by}`
              : entry.kind === 'patch'
                ? `patch ${entry.patchId}: ${entry.package} ${entry.fromVersion} → ${entry.toVersion}`
                : `configuration ${entry.sha?.slice(0, 12)}`;
          const picked = at !== null && entries[index].at <= at && (entries[index + 1]?.at ?? '9999') > at;
          return (
            <li key={`${entry.kind}-${entry.at}-${index}`} className={`timeline-${entry.kind}`}>
              <button type="button" aria-pressed={picked} onClick={() => onPick(new Date(new Date(entry.at).getTime() + 1000).toISOString())}>
                <When at={entry.at} /> {what}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Answer({ view }: { view: Schemas['ProvenanceAnswer'] }) {
  if (!view.image) return <p>Nothing ran in {view.environment} at that moment, as far as the log knew then. Pick a later moment, or clear the pickers.</p>;
  const unresolved = new Set(view.unresolved.map((item) => item.reference));
  return (
    <>
      <p className="summary">
        Image <ImageLink digest={view.image.digest} name={view.image.name} /> <ShortHash value={view.image.digest} />, deployed{' '}
        <When at={view.deployment?.startedAt} /> by {view.deployment?.by ?? '—'} ({view.deployment?.deploymentId}).{' '}
        {view.verification.releaseCandidate ? <Badge state="passed">release candidate</Badge> : <Badge state="pending">not a release candidate</Badge>}{' '}
        <Link to={`/diff?to=${encodeURIComponent(view.image.digest)}`}>Diff against another image</Link> · <Link to={imagePath(view.image.digest)}>Lineage</Link>
      </p>
      {view.policyViolations.map((violation) => (
        <p key={violation} className="problem">
          Policy violation: {violation}
        </p>
      ))}
      {view.unresolved.length > 0 && (
        <p>
          <Badge state="unresolved">unresolved</Badge> {view.unresolved.map((item) => `${item.kind} ${item.reference} (needed by ${item.neededBy})`).join('; ')}
        </p>
      )}
      <table className="packages">
        <caption>Packages in {view.image.name ?? view.image.digest}</caption>
        <thead>
          <tr>
            <th scope="col">Package</th>
            <th scope="col">Version</th>
            <th scope="col">Origin</th>
            <th scope="col">Build</th>
            <th scope="col">Source commit</th>
          </tr>
        </thead>
        <tbody>
          {view.packages.map((pkg) => (
            <PackageRow key={pkg.name} pkg={pkg} patched={view.running.filter((one) => one.name === pkg.name && one.version !== pkg.version)} unresolved={unresolved} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function PackageRow({ pkg, patched, unresolved }: { pkg: Package; patched: Schemas['RunningVersionAnswer'][]; unresolved: Set<string> }) {
  const commitUrl = pkg.source && repositoryCommitUrl(pkg.source.repository, pkg.source.sha);
  return (
    <tr>
      <th scope="row">{pkg.name}</th>
      <td>
        {pkg.version ?? '—'}
        {patched.map((running) => (
          <Badge key={running.version} state="pending">
            now {running.version} on {running.nodes.join(', ')}
          </Badge>
        ))}
      </td>
      <td>{pkg.build ? 'in-house' : 'third-party'}</td>
      <td>
        {pkg.build ? (
          pkg.build.buildUrl ? (
            <a href={pkg.build.buildUrl}>{pkg.build.outcome}</a>
          ) : (
            pkg.build.outcome
          )
        ) : (
          <span className="muted">no build recorded</span>
        )}
      </td>
      <td>
        {pkg.source ? (
          <>
            {commitUrl ? <a href={commitUrl}>{pkg.source.repository.replace(/^https?:\/\/[^/]+\//, '')}</a> : pkg.source.repository}{' '}
            <Link to={commitPath(pkg.source.repository, pkg.source.sha)} aria-label={`Where is commit ${pkg.source.sha.slice(0, 12)} of ${pkg.name}`}>
              <code>{pkg.source.sha.slice(0, 12)}</code>
            </Link>{' '}
            {pkg.source.author.replace(/\s*<.*>/, '')}, <When at={pkg.source.committedAt} />
          </>
        ) : pkg.build && unresolved.size > 0 ? (
          <Badge state="unresolved">unresolved</Badge>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}
