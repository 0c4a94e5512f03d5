/**
 * The log's stream of each fact, for its raw events (GET /api/v1/streams/{streamId}). The same
 * names as the deciders' `*StreamId` in libs/domain, which `stream-ids.unit.spec.ts` checks:
 * the page does not import the domain, which is built for Node.
 */
export const streamIds = {
  commit: (repository: string, sha: string) => `commit-${repository}@${sha}`,
  build: (pkg: string, version: string) => `build-${pkg}@${version}`,
  pinnedSet: (id: string) => `pinned-set-${id}`,
  image: (digest: string) => `image-${digest}`,
  aqfRun: (runId: string) => `aqf-run-${runId}`,
  deployment: (deploymentId: string) => `deployment-${deploymentId}`,
  environment: (environment: string) => `environment-${environment}`,
};
