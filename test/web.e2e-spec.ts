import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { CHROMIUM, describeWithProgram, launchChromium, runDemo, screenshot, seriousAccessibilityProblems } from '@provenance/testing';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { startApi } from './support/start-api';

const ROOT = join(__dirname, '..');
const TOKENS = { root: 'web-root-token', manager: 'web-manager-token', astronomer: 'web-astronomer-token' };
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const CONFIGURED = JSON.stringify([
  { name: 'root', roles: ['admin'], sha256: hash(TOKENS.root) },
  { name: 'manager', roles: ['release-manager'], sha256: hash(TOKENS.manager) },
  { name: 'astronomer', roles: ['auditor'], sha256: hash(TOKENS.astronomer) },
]);
const SECOND_IMAGE = { digest: `sha256:${hash('autobuild-2026-11-26-0002')}`, name: 'autobuild-2026-11-26-0002.tar.gz' };

// The whole walk of issue 15 on the demo's data: one API, one browser, the tests in order.
describeWithProgram(CHROMIUM, 'the web app in Chromium, on the demo', () => {
  let app: INestApplication;
  let url: string;
  let browser: Browser;
  let page: Page;
  const facts = { firstImage: '', katobsRepository: '', katobsSha: '', runId: '' };

  const api = async (method: string, path: string, body?: unknown, token = TOKENS.root): Promise<any> => {
    const response = await fetch(`${url}/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };

  /** Opens a page of the app; the first time in a tab, answers the token prompt. */
  const open = async (path: string, token = TOKENS.manager, tab = page) => {
    await tab.goto(`${url}${path}`);
    const prompt = tab.getByLabel('Token');
    const main = tab.locator('main');
    await Promise.race([prompt.waitFor(), main.waitFor()]);
    if (await prompt.isVisible()) {
      await prompt.fill(token);
      await tab.getByRole('button', { name: 'Use this token' }).click();
      await main.waitFor();
    }
  };

  const accessible = async (name: string) => {
    await screenshot(page, `web-${name}`);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  };

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web is not built: the e2e global setup runs deploy/build-if-stale.mjs, which builds it');
    app = await startApi({ PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_TOKENS: CONFIGURED });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    [browser] = await Promise.all([launchChromium(), runDemo(url, TOKENS.root)]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Well inside jest's 30 s, so a wait that fails names its locator.
    page.setDefaultTimeout(8000);
    const site = await api('GET', 'api/v1/environments/site/provenance');
    facts.firstImage = site.image.digest;
    const katobs = site.packages.find((pkg: any) => pkg.name === 'katobs');
    facts.katobsRepository = katobs.source.repository;
    facts.katobsSha = katobs.source.sha;
    facts.runId = (await api('GET', 'api/v1/pipeline-runs')).runs[0].runId;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('asks for a token, then shows the board: every environment with its image, candidate status, drift and configuration', async () => {
    await page.goto(url);
    await page.getByLabel('Token').waitFor();
    await accessible('token-prompt');
    await page.getByLabel('Token').fill(TOKENS.manager);
    await page.getByRole('button', { name: 'Use this token' }).click();
    const site = page.locator('[data-environment="site"]');
    await site.waitFor();
    expect(await page.locator('[data-environment]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-environment')))).toEqual(['aqf-1', 'aqf-2', 'site']);
    const card = await site.innerText();
    expect(card).toContain('autobuild-2026-11-24-0001.tar.gz');
    expect(card).toContain(facts.firstImage.slice(7, 19));
    expect(card).toContain('operator');
    expect(card).toContain('aqf-1 aqf-1-run-0001 passed');
    expect(card).toMatch(/1 patch since\s+katobs 0\.6\.1\.post1 on cmc2/);
    expect(await page.evaluate("sessionStorage.getItem('release-provenance.token')")).toBe(TOKENS.manager);
    expect(page.url()).not.toContain(TOKENS.manager);
    await accessible('board');
  });

  it('shows each page with its facts: site, lineage, commit impact, runs, a run, audit; a digest not on record is a sentence', async () => {
    await open('/environments/site');
    await page.getByRole('table').waitFor();
    const rows = await page.getByRole('row').allInnerTexts();
    expect(rows.find((row) => row.startsWith('katcomp'))).toMatch(/katcomp\s+0\.7\.9\s+in-house\s+passed\s+ska-sa\/katcomp\s+[0-9a-f]{12}\s+CAM team/);
    expect(rows.find((row) => row.startsWith('numpy'))).toMatch(/numpy\s+1\.26\.4\s+third-party\s+no build recorded/);
    expect(rows.find((row) => row.startsWith('katobs'))).toContain('now 0.6.1.post1 on cmc2');
    await accessible('environment-site');

    await open(`/images/${encodeURIComponent(facts.firstImage)}`);
    await page.locator('[data-node="third-party"]').waitFor();
    expect(await page.locator('.node').count()).toBe(11 + 11 + 1 + 1 + 1 + 2 + 1 + 3);
    expect(await page.locator('.node-passed').count()).toBeGreaterThanOrEqual(11 + 2 + 1);
    await accessible('image');

    await open(`/commits/${encodeURIComponent(facts.katobsRepository)}/${facts.katobsSha}`);
    await page.getByRole('heading', { name: 'Where it ran' }).waitFor();
    expect(await page.getByRole('list', { name: 'Intervals in site' }).innerText()).toContain('site-0001');
    await accessible('commit');

    await open('/runs');
    await page.getByRole('link', { name: facts.runId }).waitFor();
    expect(await page.locator('main').innerText()).toMatch(/pinning\s+open/);
    await accessible('runs');
    await page.getByRole('link', { name: facts.runId }).click();
    await page.getByRole('table', { name: 'Stage requests' }).waitFor();
    await accessible('run');

    await open('/audit');
    await page.locator('.events summary').getByText('ImageBaked').first().waitFor();
    await page.getByLabel('Stream prefix').fill('deployment-');
    await page.getByLabel('Event type').fill('DeploymentStarted');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('status').getByText(/^[1-9]\d* events that match loaded/).waitFor();
    const shown = await page.locator('.events > li').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((line) => line.includes('deployment-') && line.includes('DeploymentStarted'))).toBe(true);
    await page.locator('.events summary').first().click();
    expect(await page.locator('.events pre').first().innerText()).toContain('"streamId": "deployment-');
    await accessible('audit');

    await open(`/images/sha256:${'0'.repeat(64)}`);
    expect(await page.getByRole('alert').innerText()).toMatch(/^Not on record: .*Check the link, or start from the environments board\.$/);
  });

  it('clicks through: site → its image → a package’s commit → where that commit runs → back', async () => {
    await open('/');
    await page.getByRole('link', { name: 'site', exact: true }).click();
    await page.getByRole('link', { name: 'Lineage' }).click();
    await page.locator('[data-node^="commit:"][data-node*="katobs"]').click();
    await page.getByRole('link', { name: /Where is commit/ }).click();
    await page.waitForURL(/\/commits\//);
    expect(await page.getByRole('list', { name: 'Intervals in site' }).innerText()).toContain('site-0001');
    await page.goBack();
    await page.locator('[data-node="third-party"]').waitFor();
    expect(page.url()).toBe(`${url}/images/${encodeURIComponent(facts.firstImage)}`);
  });

  it('works the lineage graph from the keyboard, and zooms and fits it', async () => {
    await open(`/images/${encodeURIComponent(facts.firstImage)}`);
    await page.locator('[data-node="third-party"]').waitFor();
    await page.getByRole('button', { name: 'Fit' }).focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<string | null>("document.activeElement.getAttribute('data-node')");
    expect(focused).toMatch(/^(commit|build):/);
    await page.keyboard.press('Enter');
    expect(await page.getByRole('complementary', { name: 'The picked fact' }).getByRole('heading', { level: 2 }).innerText()).toMatch(/^(commit|build): /);
    const scale = async () => Number(/scale\(([\d.]+)\)/.exec((await page.locator('.graph-frame svg > g').getAttribute('transform'))!)![1]);
    const fitted = await scale();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    expect(await scale()).toBeCloseTo(fitted * 1.25, 5);
    await page.getByRole('button', { name: 'Fit' }).click();
    expect(await scale()).toBeCloseTo(fitted, 5);
    await page.getByRole('button', { name: 'Show each third-party package' }).click();
    await page.locator('[data-node="third-party:numpy"]').waitFor();
  });

  it('updates the board by itself within 2 s of a deployment recorded over HTTP', async () => {
    const lineage = await api('GET', `api/v1/images/${facts.firstImage}/lineage`);
    const requirements = lineage.packages
      .filter((pkg: any) => pkg.name !== 'redis')
      .map((pkg: any) => `${pkg.name}==${pkg.name === 'numpy' ? '2.1.0' : pkg.version}`)
      .concat('scipy==1.14.1')
      .join('\n');
    const pinned = await api('POST', 'api/v1/pinned-sets', { name: 'cam-pinned-requirements', requirementsText: `${requirements}\n`, builds: lineage.pinnedSet.builds });
    await api('POST', 'api/v1/images', { ...SECOND_IMAGE, pinnedSetId: pinned.id, builderId: 'ci.build-candidate', bakedAt: '2026-11-26T08:00:00Z' });
    await open('/');
    await page.locator('[data-environment="site"]').waitFor();
    expect(await page.locator('[data-environment="site"]').innerText()).not.toContain(SECOND_IMAGE.name);

    await api('POST', 'api/v1/deployments', { deploymentId: 'site-0002', environment: 'site', imageDigest: SECOND_IMAGE.digest, nodes: ['cmc1', 'cmc2', 'cmc3'], startedAt: '2026-11-26T14:00:00Z', by: 'operator' });
    const recorded = Date.now();
    await page.locator('[data-environment="site"]').getByText(SECOND_IMAGE.name).waitFor({ timeout: 2000 });
    expect(Date.now() - recorded).toBeLessThanOrEqual(2000);
    await screenshot(page, 'web-board-updated');
  });

  it('travels in time: "as it ran at" before the new deployment shows the earlier image, and so does its history entry', async () => {
    await open('/environments/site');
    await page.getByText(`Image ${SECOND_IMAGE.name}`).waitFor();
    await page.getByLabel('As it ran at (UTC)').fill('2026-11-25T12:00');
    await page.getByText('Image autobuild-2026-11-24-0001.tar.gz').waitFor();
    expect(page.url()).toContain('at=2026-11-25T12%3A00%3A59.999Z');
    await page.getByRole('button', { name: 'Now' }).click();
    await page.getByText(`Image ${SECOND_IMAGE.name}`).waitFor();
    await page.getByRole('button', { name: /deployment site-0001/ }).click();
    await page.getByText('Image autobuild-2026-11-24-0001.tar.gz').waitFor();
    await screenshot(page, 'web-time-travel');
  });

  it('diffs the two images picked from the deployment history: added, removed, upgraded', async () => {
    await open('/diff');
    await page.getByLabel('From image').selectOption(facts.firstImage);
    await page.getByLabel('To image').selectOption(SECOND_IMAGE.digest);
    await page.getByRole('table', { name: 'Package changes' }).waitFor();
    const rows = await page.getByRole('row').allInnerTexts();
    expect(rows.find((row) => row.startsWith('scipy'))).toMatch(/added/);
    expect(rows.find((row) => row.startsWith('redis'))).toMatch(/removed\s+5\.0\.8/);
    expect(rows.find((row) => row.startsWith('numpy'))).toMatch(/upgrade \(by version number\)\s+1\.26\.4\s+2\.1\.0/);
    expect(page.url()).toContain(`from=${encodeURIComponent(facts.firstImage)}`);
    await accessible('diff');
  });

  it("lets a release manager promote an image with a reason, and shows an auditor no button", async () => {
    await open(`/images/${encodeURIComponent(SECOND_IMAGE.digest)}`);
    await page.getByLabel('Reason').fill('Checked on site by the operator');
    await page.getByRole('button', { name: 'Promote' }).click();
    expect(await page.getByRole('status').innerText()).toBe('Promoted: recorded.');
    await page.getByRole('table', { name: 'Decisions on this image' }).getByText('Checked on site by the operator').waitFor();
    const lineage = await api('GET', `api/v1/images/${SECOND_IMAGE.digest}/lineage`);
    expect(lineage.decisions.at(-1)).toMatchObject({ releaseCandidate: true, automatic: false, by: 'manager', reason: 'Checked on site by the operator' });
    await screenshot(page, 'web-promoted');

    const auditorTab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await open(`/images/${encodeURIComponent(SECOND_IMAGE.digest)}`, TOKENS.astronomer, auditorTab);
      await auditorTab.locator('[data-node^="image:"]').waitFor();
      expect(await auditorTab.getByRole('button', { name: 'Promote' }).count()).toBe(0);
      expect(await auditorTab.getByRole('button', { name: 'Reject' }).count()).toBe(0);
      expect(await auditorTab.getByText('Signed in as astronomer (auditor).').count()).toBe(1);
    } finally {
      await auditorTab.close();
    }
  });

  it('is legible in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await open(`/images/${encodeURIComponent(facts.firstImage)}`);
      await page.locator('[data-node="third-party"]').waitFor();
      expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(13, 17, 23)');
      await accessible('image-dark');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });
});

describe('the API serves the web page at / and keeps its own paths', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApi({ PROVENANCE_DATA_DIR: 'memory://', PROVENANCE_SAGAS: 'off' });
  });
  afterAll(() => app.close());

  it('answers the page for / and for any page URL, its scripts as they are, and the API, health and docs as before', async () => {
    const http = () => request(app.getHttpServer());
    for (const path of ['/', '/environments/site', `/images/sha256%3A${'a'.repeat(64)}`, '/runs/run-1', '/no/such/page']) {
      const page = await http().get(path).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<div id="root"></div>');
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await http().get('/')).text)![1];
    const scriptAnswer = await http().get(script).expect(200);
    expect(scriptAnswer.headers['content-type']).toMatch(/javascript/);
    expect(scriptAnswer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html']) expect((await http().get(path).expect(200)).headers['cache-control']).toBe('no-cache');
    await http().get('/assets/no-such-script.js').expect(404);
    expect((await http().get('/api/v1/no-such-route').expect(404)).body).toMatchObject({ statusCode: 404 });
    expect((await http().get('/api/v1/environments').expect(200)).body).toEqual({ environments: [] });
    expect((await http().get('/health').expect(200)).body).toMatchObject({ status: 'ok' });
    expect((await http().get('/api/docs-json').expect(200)).body.openapi).toMatch(/^3\./);
    expect((await http().get('/api/docs').expect(200)).text).toContain('swagger');
    await http().post('/').expect(404);
  });
});
