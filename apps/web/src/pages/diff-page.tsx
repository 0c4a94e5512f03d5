import { Link, useSearchParams } from 'react-router';
import { answerOf, api, type Schemas } from '../api/client';
import { useAnswer } from '../api/use-answer';
import { Badge, commitPath, ImageLink, repositoryCommitUrl } from '../components/bits';
import { ProblemMessage } from '../session';

/** Images seen in any environment's deployments, newest first, for the pickers. */
async function deployedImages(): Promise<{ digest: string; label: string }[]> {
  const { environments } = await answerOf(api.GET('/api/v1/environments'));
  const histories = await Promise.all(environments.map((one) => answerOf(api.GET('/api/v1/environments/{env}/history', { params: { path: { env: one.environment } } }))));
  const seen = new Map<string, { digest: string; label: string; at: string }>();
  for (const { environment, history } of histories) {
    for (const entry of history) {
      if (entry.kind !== 'deployment' || !entry.imageDigest) continue;
      const known = seen.get(entry.imageDigest);
      const where = `${environment} ${entry.at.slice(0, 16).replace('T', ' ')}`;
      if (!known) seen.set(entry.imageDigest, { digest: entry.imageDigest, label: `${entry.imageDigest.slice(7, 19)} (${where})`, at: entry.at });
      else if (entry.at > known.at) seen.set(entry.imageDigest, { ...known, label: `${entry.imageDigest.slice(7, 19)} (${where})`, at: entry.at });
    }
  }
  return [...seen.values()].sort((a, b) => b.at.localeCompare(a.at));
}

/** Packages added, removed and changed between two images, each change with its commit range. */
export function DiffPage() {
  const [search, setSearch] = useSearchParams();
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const images = useAnswer(deployedImages, 'images');
  const diff = useAnswer(async () => (from && to ? answerOf(api.GET('/api/v1/diff', { params: { query: { from, to } } })) : undefined), `${from} ${to}`);
  const pick = (name: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(search);
    next.set(name, value);
    setSearch(next);
  };
  const options = [...(images.data ?? [])];
  for (const digest of [from, to]) if (digest && !options.some((one) => one.digest === digest)) options.push({ digest, label: digest.slice(0, 19) });
  return (
    <>
      <h1>Diff two images</h1>
      <form className="moments" onSubmit={(event) => event.preventDefault()} aria-label="Images to compare">
        {(['from', 'to'] as const).map((name) => (
          <label key={name}>
            {name === 'from' ? 'From image' : 'To image'}
            <select value={name === 'from' ? from : to} onChange={(event) => pick(name, event.target.value)}>
              <option value="">(pick a deployed image)</option>
              {options.map((option) => (
                <option key={option.digest} value={option.digest}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </form>
      {images.problem && <ProblemMessage problem={images.problem} />}
      {diff.problem && <ProblemMessage problem={diff.problem} />}
      {!(from && to) && <p>Pick two images: the pickers list every image deployed anywhere, newest first.</p>}
      {diff.data && <DiffAnswer diff={diff.data} />}
    </>
  );
}

function DiffAnswer({ diff }: { diff: Schemas['DiffAnswer'] }) {
  const nothing = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return (
    <>
      <p className="summary">
        From <ImageLink digest={diff.from.digest} /> to <ImageLink digest={diff.to.digest} />: {diff.added.length} added, {diff.removed.length} removed, {diff.changed.length} changed.
        {nothing && ' The two images pin the same packages.'}
      </p>
      {diff.unresolved.length > 0 && <p><Badge state="unresolved">unresolved</Badge> {diff.unresolved.join(', ')}</p>}
      <table>
        <caption>Package changes</caption>
        <thead>
          <tr>
            <th scope="col">Package</th>
            <th scope="col">Change</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Commits</th>
          </tr>
        </thead>
        <tbody>
          {diff.added.map((pkg) => (
            <tr key={`+${pkg.name}`}>
              <th scope="row">{pkg.name}</th>
              <td><Badge state="passed">added</Badge></td>
              <td>—</td>
              <td>{pkg.version ?? '?'}</td>
              <td />
            </tr>
          ))}
          {diff.removed.map((pkg) => (
            <tr key={`-${pkg.name}`}>
              <th scope="row">{pkg.name}</th>
              <td><Badge state="failed">removed</Badge></td>
              <td>{pkg.version ?? '?'}</td>
              <td>—</td>
              <td />
            </tr>
          ))}
          {diff.changed.map((change) => (
            <tr key={`~${change.name}`}>
              <th scope="row">{change.name}</th>
              <td>
                <Direction change={change} />
              </td>
              <td>{change.fromVersion ?? '?'}</td>
              <td>{change.toVersion ?? '?'}</td>
              <td>
                <CommitRange change={change} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The API's direction (by commit dates); without commits on record, the version numbers' order, said so. */
function Direction({ change }: { change: Schemas['DiffChangeAnswer'] }) {
  const byVersion = change.direction === 'unknown' ? versionOrder(change.fromVersion, change.toVersion) : undefined;
  const direction = byVersion ?? change.direction;
  return (
    <Badge state={direction === 'downgrade' ? 'violation' : direction === 'upgrade' ? 'passed' : 'info'}>
      {direction}
      {byVersion && ' (by version number)'}
    </Badge>
  );
}

function versionOrder(from: string | null, to: string | null): 'upgrade' | 'downgrade' | undefined {
  if (!from || !to) return undefined;
  const parts = (version: string) => version.split(/[.+-]/).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const [a, b] = [parts(from), parts(to)];
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const [x, y] = [a[index] ?? 0, b[index] ?? 0];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y > x ? 'upgrade' : 'downgrade';
    return String(y) > String(x) ? 'upgrade' : 'downgrade';
  }
  return undefined;
}

function CommitRange({ change }: { change: Schemas['DiffChangeAnswer'] }) {
  if (!change.repository) return <span className="muted">no source on record</span>;
  const repository = change.repository;
  const compare = change.fromSha && change.toSha && /^https:\/\/github\.com\//.test(repository) ? `${repository}/compare/${change.fromSha}...${change.toSha}` : undefined;
  return (
    <>
      {compare && <a href={compare}>compare</a>}{' '}
      {change.commits.map((commit) => (
        <Link key={commit.sha} to={commitPath(repository, commit.sha)} title={`${commit.message} — ${commit.author}`}>
          <code>{commit.sha.slice(0, 7)}</code>{' '}
        </Link>
      ))}
      {change.commits.length === 0 && repositoryCommitUrl(repository, change.toSha ?? '') && <span className="muted">no commits recorded between</span>}
    </>
  );
}
