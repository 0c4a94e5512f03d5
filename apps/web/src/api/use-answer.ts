import { useCallback, useEffect, useRef, useState } from 'react';
import { Problem } from './client';

export interface Answer<T> {
  data: T | undefined;
  problem: Problem | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Asks once per change of `key`, and again every `everyMs` when given (the board's refresh). A
 * 503 (read model behind) is asked again after two seconds by itself. The last good answer stays
 * on screen while a refresh is under way, so the page does not flicker.
 */
export function useAnswer<T>(ask: () => Promise<T>, key: string, everyMs?: number): Answer<T> {
  const [state, setState] = useState<{ key: string; data?: T; problem?: Problem; loading: boolean }>({ key, loading: true });
  const [tick, setTick] = useState(0);
  const askRef = useRef(ask);
  askRef.current = ask;
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    askRef.current().then(
      (data) => {
        if (!live) return;
        setState({ key, data, loading: false });
        if (everyMs) timer = setTimeout(reload, everyMs);
      },
      (error: unknown) => {
        if (!live) return;
        const problem = error instanceof Problem ? error : new Problem(0, String(error));
        setState((previous) => ({ key, data: previous.key === key ? previous.data : undefined, problem, loading: false }));
        if (problem.status === 503 || everyMs) timer = setTimeout(reload, problem.status === 503 ? 2000 : everyMs);
      },
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, tick, everyMs, reload]);

  const current = state.key === key;
  return { data: current ? state.data : undefined, problem: current ? state.problem : undefined, loading: !current || state.loading, reload };
}
