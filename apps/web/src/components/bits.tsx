import { useState } from 'react';
import { Link } from 'react-router';

/** A digest or sha, shortened for the eye, copied whole by its button. */
export function ShortHash({ value, length = 12, label = 'digest' }: { value: string; length?: number; label?: string }) {
  const [copied, setCopied] = useState(false);
  const short = value.replace(/^sha256:/, '').slice(0, length);
  return (
    <span className="hash">
      <code title={value}>{short}</code>
      <button
        type="button"
        className="copy"
        aria-label={`Copy the full ${label} ${short}`}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
      >
        {copied ? 'copied' : 'copy'}
      </button>
    </span>
  );
}

/** A moment as people read it, with the exact ISO time on hover and for machines. */
export function When({ at }: { at: string | null | undefined }) {
  if (!at) return <span className="muted">—</span>;
  const date = new Date(at);
  return (
    <time dateTime={at} title={at}>
      {date.toISOString().slice(0, 16).replace('T', ' ')} UTC
    </time>
  );
}

export const imagePath = (digest: string) => `/images/${encodeURIComponent(digest)}`;
export const commitPath = (repository: string, sha: string) => `/commits/${encodeURIComponent(repository)}/${sha}`;
export const environmentPath = (environment: string) => `/environments/${encodeURIComponent(environment)}`;

export function ImageLink({ digest, name }: { digest: string; name?: string | null }) {
  return <Link to={imagePath(digest)}>{name ?? digest.replace(/^sha256:/, '').slice(0, 12)}</Link>;
}

/** The state words the pages colour: passed, failed, open, unresolved, violation. */
export function Badge({ state, children }: { state: 'passed' | 'failed' | 'pending' | 'unresolved' | 'violation' | 'info'; children: React.ReactNode }) {
  return <span className={`badge badge-${state}`}>{children}</span>;
}

export function outcomeState(outcome: string | null | undefined): 'passed' | 'failed' | 'pending' {
  if (outcome === 'passed' || outcome === 'succeeded') return 'passed';
  if (outcome === null || outcome === undefined) return 'pending';
  return 'failed';
}

/** A link to a commit on its forge, when the repository is a web address. */
export function repositoryCommitUrl(repository: string, sha: string): string | undefined {
  return /^https?:\/\//.test(repository) ? `${repository.replace(/\.git$/, '')}/commit/${sha}` : undefined;
}
