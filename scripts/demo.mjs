#!/usr/bin/env node
/**
 * `npm run demo`: builds the extension (e2e mode), starts the local AP fixture on loopback and opens Chromium
 * with the extension on it. With a display the browser is headful and stays open until Ctrl-C; without one,
 * or with `--smoke`, it runs headless, waits for the extension's panel, saves a screenshot and exits.
 *
 *   npm run demo                          headful where a display exists
 *   npm run demo -- --smoke --screenshot x.png
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROME_PATH, launchWithExtension } from '../test/e2e/browser.mjs';
import { startFixtureAp } from '../test/sim/fixture-ap.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    lang: { type: 'string', default: 'pl' },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('npm run demo [-- --smoke] [--screenshot FILE] [--lang pl|en] [--no-build]');
  process.exit(0);
}

function fail(message) {
  console.error(`demo: ${message}`);
  process.exit(1);
}

if (!existsSync(CHROME_PATH)) {
  fail(`Chromium not found at ${CHROME_PATH}. Install it (apt-get install chromium chromium-l10n) or set CHROME_PATH.`);
}

const headless = values.smoke || !process.env.DISPLAY;
const screenshot = values.screenshot ?? (headless ? path.join(root, 'test-output/demo.png') : undefined);

if (!values['no-build']) {
  console.log('Building the extension (e2e mode)…');
  const b = spawnSync(path.join(root, 'node_modules/.bin/wxt'), ['build', '--mode', 'e2e'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (b.status !== 0) fail('the build failed');
}

const t0 = performance.now();
const server = await startFixtureAp();
console.log(`Local AP fixture on 127.0.0.1:${server.port} (started in ${(performance.now() - t0).toFixed(0)} ms)`);

let session;
const stop = async (code) => {
  await session?.close();
  await server.close();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  session = await launchWithExtension({ port: server.port, headless, lang: values.lang });
  const page = (await session.browser.pages())[0] ?? (await session.browser.newPage());
  const url = 'https://ap-demo.ksef.mf.gov.pl/web/permissions';
  console.log(`Opening ${url} (served locally; nothing leaves this machine)`);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(
    () => {
      const panel = document.querySelector('ksef-companion')?.shadowRoot?.querySelector('[data-testid="panel"]');
      return panel && panel.getBoundingClientRect().height > 0;
    },
    { timeout: 20_000 },
  );
  console.log('The extension panel is visible on the AP page.');
  if (screenshot) {
    mkdirSync(path.dirname(path.resolve(screenshot)), { recursive: true });
    await page.screenshot({ path: path.resolve(screenshot) });
    console.log(`Screenshot: ${path.resolve(screenshot)}`);
  }
  if (headless) await stop(0);
  else console.log('Chromium is open with the extension. Press Ctrl-C to stop.');
} catch (e) {
  console.error(`demo: the extension panel did not appear: ${e instanceof Error ? e.message : e}`);
  await stop(1);
}
