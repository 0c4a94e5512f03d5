import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { AuditPage } from './pages/audit-page';
import { BoardPage } from './pages/board-page';
import { CommitPage } from './pages/commit-page';
import { DiffPage } from './pages/diff-page';
import { EnvironmentPage } from './pages/environment-page';
import { RunPage, RunsPage } from './pages/runs-page';
import { SessionGate, useSession } from './session';

// The graph layout (dagre) is loaded only by the image page.
const ImagePage = lazy(() => import('./pages/image-page').then((module) => ({ default: module.ImagePage })));

export function App() {
  return (
    <>
      <a className="skip" href="#main">
        Skip to the content
      </a>
      <SessionGate>
        <Navigation />
        <main id="main">
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <Routes>
              <Route path="/" element={<BoardPage />} />
              <Route path="/environments/:environment" element={<EnvironmentPage />} />
              <Route path="/images/:digest" element={<ImagePage />} />
              <Route path="/commits/:repository/:sha" element={<CommitPage />} />
              <Route path="/diff" element={<DiffPage />} />
              <Route path="/runs" element={<RunsPage />} />
              <Route path="/runs/:runId" element={<RunPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </main>
      </SessionGate>
    </>
  );
}

function Navigation() {
  const { may } = useSession();
  return (
    <header className="top">
      <nav aria-label="Pages">
        <span className="brand">release-provenance</span>
        {may('read') && <NavLink to="/">Environments</NavLink>}
        {may('read') && <NavLink to="/diff">Diff</NavLink>}
        {may('followPipeline') && <NavLink to="/runs">Pipeline runs</NavLink>}
        {may('read') && <NavLink to="/audit">Audit</NavLink>}
        <a href="/api/docs">API</a>
      </nav>
    </header>
  );
}

function NotFound() {
  return (
    <>
      <h1>No such page</h1>
      <p>
        This address is not a page of this site. Start from the <a href="/">environments board</a>.
      </p>
    </>
  );
}
