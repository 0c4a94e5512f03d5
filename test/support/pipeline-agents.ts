import { createHash } from 'node:crypto';
import { eventually } from '@provenance/testing';
import type request from 'supertest';

type Http = () => ReturnType<typeof request>;

export interface StageRequest {
  requestId: string;
  stage: string;
  runId: string | null;
  cursor: string;
  state: string;
  request: Record<string, any>;
}

export const LEAVES = ['katcomp', 'katobs', 'katportal', 'katproxy', 'katsim', 'katuilib'];

/** pipdeptree output: katcore under katcomp and katobs, katconf under katportal and katproxy. */
export const PACKAGE_GRAPH = [
  ...['katcomp', 'katobs'].map((name) => node(name, ['katcore'])),
  ...['katportal', 'katproxy'].map((name) => node(name, ['katconf'])),
  node('katsim', []),
  node('katuilib', []),
  node('katcore', []),
  node('katconf', []),
];

function node(name: string, dependencies: string[]) {
  return {
    package: { key: name, package_name: name, installed_version: '1.0' },
    dependencies: dependencies.map((dependency) => ({ key: dependency, package_name: dependency, installed_version: '1.0', required_version: null })),
  };
}

/**
 * The pipeline's agents, played over HTTP: each takes its stage's requests from
 * `/pipeline-requests` and answers by recording the fact that names the request. Everything
 * they record is a function of what they were asked and in which order, so two scripted runs
 * record the same facts.
 */
export class PipelineAgents {
  private readonly cursors: Record<string, string | undefined> = {};
  private clock = Date.parse('2026-11-25T06:00:00Z');
  private readonly versions: Record<string, number> = {};

  /**
   * `timeoutMs`: how long each wait may take (eventually's default unless given), or a function
   * giving what is left of a test's budget (`waitBudget`).
   */
  constructor(private readonly http: Http, private readonly options: { timeoutMs?: number | (() => number) } = {}) {}

  /** The next `count` requests of a stage, waiting (long-polling) for the sagas to make them. */
  async take(stage: string, count: number, timeoutMs = this.timeoutMs()): Promise<StageRequest[]> {
    const taken: StageRequest[] = [];
    const takeMore = async () => {
      const response = await this.http().get(`/api/v1/pipeline-requests?stage=${stage}&wait=2&limit=${count - taken.length}${this.after(stage)}`);
      if (response.status === 200) {
        taken.push(...response.body.requests);
        this.cursors[stage] = response.body.next ?? this.cursors[stage];
      } else if (response.status !== 503) {
        throw new Error(`pipeline-requests answered ${response.status}: ${JSON.stringify(response.body)}`);
      }
      return taken;
    };
    return eventually(takeMore, (requests) => requests.length >= count, { what: `${count} ${stage} requests`, timeoutMs });
  }

  /**
   * A sentinel for checks that nothing (more) happens: a katcore build, which the sagas answer
   * with a request to build katcomp against it. The sagas handle the log in order and the read
   * model follows it in order, so once that request shows, every fact recorded before the
   * sentinel has had all its effects. Needs PACKAGE_GRAPH recorded.
   */
  async settle(): Promise<void> {
    const katcore = await this.commitAndBuild('katcore');
    const against = JSON.stringify([katcore]);
    await eventually(
      async () => (await this.http().get('/api/v1/pipeline-requests?stage=package-build&limit=1000').expect(200)).body.requests as StageRequest[],
      (requests) => requests.some((one) => one.request.package === 'katcomp' && JSON.stringify(one.request.inputs) === against),
      { what: `the sentinel: a katcomp build requested against katcore ${katcore.version}`, timeoutMs: this.timeoutMs() },
    );
  }

  /** A stage's requests after those taken, without waiting: after `settle()`, all that facts recorded before it made. */
  async untaken(stage: string): Promise<StageRequest[]> {
    return (await this.http().get(`/api/v1/pipeline-requests?stage=${stage}${this.after(stage)}`).expect(200)).body.requests;
  }

  async recordGraph(): Promise<void> {
    await this.post('/api/v1/package-graph', PACKAGE_GRAPH);
  }

  /** A commit and a passed build of it, as the package's own CI job records them. */
  async commitAndBuild(pkg: string, extra: { requestId?: string; builtAgainst?: { package: string; version: string }[]; outcome?: 'passed' | 'failed' } = {}) {
    const version = `1.${(this.versions[pkg] = (this.versions[pkg] ?? 0) + 1)}`;
    const commitSha = createHash('sha1').update(`${pkg}==${version}`).digest('hex');
    const repository = `https://github.com/ska-sa/${pkg}`;
    await this.post('/api/v1/commits', { repository, sha: commitSha, parents: [], branch: 'master', author: 'ci', message: `${pkg} ${version}`, committedAt: this.tick() });
    await this.post('/api/v1/builds', {
      package: pkg, version, repository, sha: commitSha, outcome: extra.outcome ?? 'passed',
      artifact: { filename: `${pkg}-${version}-py3-none-any.whl`, sha256: commitSha.padEnd(64, '0') },
      builtAgainst: extra.builtAgainst ?? [], finishedAt: this.tick(),
      ...(extra.requestId ? { requestId: extra.requestId } : {}),
    });
    return { package: pkg, version };
  }

  /** The dependency-driven build agent: builds what it is asked to, against the input it names. */
  async buildRequested(request: StageRequest) {
    return this.commitAndBuild(request.request.package, { requestId: request.requestId, builtAgainst: request.request.inputs });
  }

  /** ci.pin-dependencies: pins the builds the request names. Returns the pinned set's id. */
  async pin(request: StageRequest): Promise<string> {
    const builds: { package: string; version: string }[] = request.request.builds.map((build: any) => ({ package: build.package, version: build.version }));
    const requirementsText = builds.map((build) => `${build.package}==${build.version}\n    # via -r requirements.in\n`).join('');
    const answer = await this.post('/api/v1/pinned-sets', { name: `pinned-${request.runId}`, requirementsText, builds, requestId: request.requestId });
    return answer.events[0].streamId.replace(/^pinned-set-/, '');
  }

  /** The bake job: an autobuild image of the pinned set. Returns its digest. */
  async bake(request: StageRequest): Promise<string> {
    const digest = `sha256:${createHash('sha256').update(request.requestId).digest('hex')}`;
    await this.post('/api/v1/images', {
      digest, name: `autobuild-${request.runId}.tar.gz`, pinnedSetId: request.request.pinnedSetId, bakedAt: this.tick(), requestId: request.requestId,
    });
    return digest;
  }

  /** AQF in the requested environment, with the given outcome. */
  async verify(request: StageRequest, outcome: 'passed' | 'failed'): Promise<void> {
    const runId = `aqf-${request.requestId.split('.').slice(-1)[0]}`;
    await this.post('/api/v1/aqf-runs', {
      runId, imageDigest: request.request.imageDigest, environment: request.request.environment, startedAt: this.tick(), requestId: request.requestId,
    });
    await this.post(`/api/v1/aqf-runs/${runId}/result`, {
      outcome, passed: 400, failed: outcome === 'passed' ? 0 : 12, skipped: 3, completedAt: this.tick(),
    });
  }

  private timeoutMs(): number | undefined {
    const { timeoutMs } = this.options;
    return typeof timeoutMs === 'function' ? timeoutMs() : timeoutMs;
  }

  private after(stage: string): string {
    return this.cursors[stage] ? `&after=${this.cursors[stage]}` : '';
  }

  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString().replace('.000Z', 'Z');
  }

  private async post(path: string, body: unknown): Promise<any> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.http().post(path).send(body as object);
      if (response.status === 200 || response.status === 201) return response.body;
      if (response.status !== 503 || attempt > 20) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
  }
}
