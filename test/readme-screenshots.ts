/**
 * npm run screenshots:readme — the README's pictures of the web app, taken anew: the built API on
 * the demo's data in Debian's Chromium at 1280×800, the environments board and the lineage of
 * site's image, written to docs/images/. Commit them when the pages change.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, startDemoServer } from '@provenance/testing';

const OUT = join(__dirname, '..', 'docs', 'images');

async function main(): Promise<void> {
  const server = await startDemoServer();
  const browser = await launchChromium();
  try {
    mkdirSync(OUT, { recursive: true });
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(server.url);
    await tab.locator('[data-environment="site"]').waitFor();
    await tab.screenshot({ path: join(OUT, 'web-board.png') });
    const site = (await (await fetch(`${server.url}/api/v1/environments/site/provenance`)).json()) as { image: { digest: string } };
    await tab.goto(`${server.url}/images/${encodeURIComponent(site.image.digest)}`);
    await tab.locator('[data-node="third-party"]').waitFor();
    await tab.locator('[data-node^="build:katobs"]').click();
    await tab.getByText('PackageBuildRecorded').first().waitFor();
    await tab.screenshot({ path: join(OUT, 'web-lineage.png') });
    console.log(`wrote ${join('docs', 'images', 'web-board.png')} and ${join('docs', 'images', 'web-lineage.png')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
