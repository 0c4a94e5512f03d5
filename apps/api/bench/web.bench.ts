/**
 * npm run bench:web — how soon each page of the web app is interactive on the demo's data, in
 * Debian's Chromium: the built API (`npm run build` first) on an in-memory store seeded by the
 * demo, each page loaded RUNS times in one tab; "interactive" is when the page shows its answer
 * (its data drawn, its controls live), measured by performance.now() in the page, so from the
 * start of navigation. The first load is cold (no cached scripts); the median is of the rest.
 * The budget is 1.5 s per page.
 */
import { launchChromium, startDemoServer } from '@provenance/testing';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 6);
const BUDGET_MS = 1500;

async function main(): Promise<void> {
  const server = await startDemoServer();
  const browser = await launchChromium();
  try {
    const environments = (await (await fetch(`${server.url}/api/v1/environments/site/provenance`)).json()) as { image: { digest: string }; packages: { name: string; source: { repository: string; sha: string } | null }[] };
    const digest = encodeURIComponent(environments.image.digest);
    const katobs = environments.packages.find((pkg) => pkg.name === 'katobs')!.source!;
    const pages: [string, string, string][] = [
      ['board', '/', '[data-environment="site"]'],
      ['environment', '/environments/site', 'table.packages'],
      ['image (lineage)', `/images/${digest}`, '[data-node="third-party"]'],
      ['commit impact', `/commits/${encodeURIComponent(katobs.repository)}/${katobs.sha}`, '[aria-label="Intervals in site"]'],
      ['diff', `/diff?from=${digest}&to=${digest}`, 'table'],
      ['runs', '/runs', '.run'],
      ['audit', '/audit', '.events li'],
    ];
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    console.log(`web pages on the demo's data, ${RUNS} loads each (first cold), interactive = its answer drawn; budget ${BUDGET_MS} ms\n`);
    console.log(`${'page'.padEnd(18)} ${'cold ms'.padStart(8)} ${'median ms'.padStart(10)} ${'max ms'.padStart(8)}  within budget`);
    let over = 0;
    for (const [name, path, ready] of pages) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await tab.goto(`${server.url}${path}`, { waitUntil: 'commit' });
        await tab.locator(ready).first().waitFor({ timeout: 10_000 });
        times.push(await tab.evaluate<number>('performance.now()'));
      }
      const warm = times.slice(1).sort((a, b) => a - b);
      const median = warm[Math.floor(warm.length / 2)] ?? times[0];
      const worst = Math.max(...times);
      if (worst > BUDGET_MS) over++;
      console.log(`${name.padEnd(18)} ${times[0].toFixed(0).padStart(8)} ${median.toFixed(0).padStart(10)} ${worst.toFixed(0).padStart(8)}  ${worst <= BUDGET_MS ? 'yes' : 'NO'}`);
    }
    console.log(over === 0 ? '\nevery page within budget' : `\n${over} page(s) over budget on some load`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
