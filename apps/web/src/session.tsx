import { createContext, useContext, useState, type FormEvent } from 'react';
import { answerOf, api, Problem, token, type Schemas } from './api/client';
import { useAnswer } from './api/use-answer';

export type Whoami = Schemas['WhoamiAnswer'];
type Role = Whoami['roles'][number];

/** What each page needs, in the API's own role lists (apps/api/src/auth/roles.ts). */
const MAY: Record<'read' | 'decide' | 'followPipeline', Role[]> = {
  read: ['auditor', 'release-manager', 'admin'],
  decide: ['release-manager', 'admin'],
  followPipeline: ['agent', 'auditor', 'release-manager', 'admin'],
};

export interface Session {
  whoami: Whoami;
  may: (what: keyof typeof MAY) => boolean;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionGate>');
  return session;
}

/** Asks who the caller is; on 401 asks for a token first. Children see the session. */
export function SessionGate({ children }: { children: React.ReactNode }) {
  const [attempt, setAttempt] = useState(0);
  const who = useAnswer(() => answerOf(api.GET('/api/v1/whoami')), String(attempt));
  if (who.loading && !who.data) return <p className="muted">Connecting to the server…</p>;
  if (who.problem?.status === 401) return <TokenPrompt rejected={token.get() !== null} onToken={() => setAttempt((n) => n + 1)} />;
  if (who.problem || !who.data) return <ProblemMessage problem={who.problem} />;
  const whoami = who.data;
  const session: Session = { whoami, may: (what) => whoami.roles.some((role) => MAY[what].includes(role)) };
  return (
    <SessionContext.Provider value={session}>
      {children}
      {whoami.tokensRequired && (
        <footer className="session">
          Signed in as <strong>{whoami.name}</strong> ({whoami.roles.join(', ')}).{' '}
          <button
            type="button"
            onClick={() => {
              token.clear();
              setAttempt((n) => n + 1);
            }}
          >
            Sign out
          </button>
        </footer>
      )}
    </SessionContext.Provider>
  );
}

function TokenPrompt({ rejected, onToken }: { rejected: boolean; onToken: () => void }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    token.set(value.trim());
    onToken();
  };
  return (
    <form className="token-prompt" onSubmit={submit} aria-describedby="token-help">
      <h1>API token</h1>
      <p id="token-help">
        {rejected ? 'The server does not know that token. ' : 'This server needs an API token. '}
        Paste yours below: it is kept for this tab only (sessionStorage), never put in the address bar.
      </p>
      <label htmlFor="token">Token</label>
      <input id="token" type="password" autoComplete="off" required value={value} onChange={(event) => setValue(event.target.value)} autoFocus />
      <button type="submit">Use this token</button>
    </form>
  );
}

/** A problem as a sentence with what to do; never a blank page. */
export function ProblemMessage({ problem }: { problem: Problem | undefined }) {
  return (
    <p role="alert" className="problem">
      {problem?.message ?? 'Something went wrong before the server answered. Reload the page.'}
    </p>
  );
}
