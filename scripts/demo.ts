/**
 * `npm run demo`: builds the extension (e2e mode), starts the local KSeF twin, the AP replica and the provider
 * reference server on loopback, and opens Chromium (or Firefox ESR with `--browser firefox`) with the extension on the
 * replica. With a display the browser
 * is headful and stays open until Ctrl-C; without one, or with `--smoke`, it runs headless, waits for the
 * extension's panel, saves a screenshot and exits.
 *
 * Before the AP opens, the provider account is linked on the options page as a user would (address and API
 * key), so the popup can start a verified disconnect at once. `--provider-fault session-expired` makes the
 * provider unable to revoke (its session as the user has expired): the disconnect then finds the leftovers
 * and removes them from the user's own session after confirmation.
 *
 *   npm run demo -- [--scenario NAME] [--mode direct|proxied|dom-only] [--provider-fault session-expired]
 *                   [--no-link] [--smoke] [--screenshot FILE] [--browser chromium|firefox]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROME_PATH, launchSession, type ExtensionSession } from '../test/e2e/browser';
import { OptionsPage } from '../test/e2e/pages/options';
import { ApRoom } from '../test/e2e/pages/ap-room';
import { FIREFOX_PATH } from '../test/e2e/firefox';
import { BROWSERS, type BrowserName } from '../test/e2e/session';
import { AP_MODES, NAMED_LAYOUTS, type ApMode, type LayoutName } from '../test/sim/ap/server';
import { isScenario, SCENARIO_NAMES } from '../test/sim/ksef/scenarios';
import { DEMO_API_KEY } from '../test/sim/provider/server';
import { startWorld } from '../test/sim/world';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'active-integration' },
    mode: { type: 'string', default: 'direct' },
    browser: { type: 'string', default: 'chromium' },
    smoke: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    lang: { type: 'string', default: 'pl' },
    page: { type: 'string' },
    layout: { type: 'string', default: 'default' },
    'no-build': { type: 'boolean', default: false },
    'no-link': { type: 'boolean', default: false },
    'provider-fault': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

if (values.help) {
  console.log(`npm run demo -- [--scenario ${SCENARIO_NAMES.join('|')}]`);
  console.log(
    `                [--mode ${AP_MODES.join('|')}] [--browser ${BROWSERS.join('|')}] [--smoke] [--screenshot FILE]`,
  );
  console.log(
    `                [--layout ${Object.keys(NAMED_LAYOUTS).join('|')}] [--page PATH] [--lang pl|en] [--no-build]`,
  );
  console.log(
    '                [--provider-fault session-expired] [--no-link] (the provider is linked on the options page first)',
  );
  process.exit(0);
}
const scenario = values.scenario!;
const mode = values.mode as ApMode;
if (!isScenario(scenario)) fail(`unknown scenario "${scenario}"; choose one of: ${SCENARIO_NAMES.join(', ')}`);
if (!AP_MODES.includes(mode)) fail(`unknown mode "${mode}"; choose one of: ${AP_MODES.join(', ')}`);
const browserName = values.browser as BrowserName;
if (!BROWSERS.includes(browserName)) fail(`unknown browser "${values.browser}"; choose one of: ${BROWSERS.join(', ')}`);
if (values.lang !== 'pl' && values.lang !== 'en') fail('--lang must be pl or en');
const layoutName = values.layout as LayoutName;
if (!Object.hasOwn(NAMED_LAYOUTS, layoutName))
  fail(`unknown layout "${values.layout}"; choose one of: ${Object.keys(NAMED_LAYOUTS).join(', ')}`);
if (values['provider-fault'] !== undefined && values['provider-fault'] !== 'session-expired')
  fail('--provider-fault must be session-expired');
if (browserName === 'chromium' && !existsSync(CHROME_PATH)) {
  fail(`Chromium not found at ${CHROME_PATH}. Install it (apt-get install chromium chromium-l10n) or set CHROME_PATH.`);
}
if (browserName === 'firefox' && !existsSync(FIREFOX_PATH)) {
  fail(
    `Firefox ESR not found at ${FIREFOX_PATH}. Install it (apt-get install firefox-esr firefox-esr-l10n-pl) or set FIREFOX_PATH.`,
  );
}

const headless = values.smoke || !process.env.DISPLAY;
const screenshot = values.screenshot ?? (headless ? path.join(root, 'test-output/demo.png') : undefined);

if (!values['no-build']) {
  console.log(`Building the extension for ${browserName} (e2e mode)…`);
  const target = browserName === 'firefox' ? ['-b', 'firefox', '--mv3'] : [];
  const b = spawnSync(path.join(root, 'node_modules/.bin/wxt'), ['build', ...target, '--mode', 'e2e'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (b.status !== 0) fail('the build failed');
}

const world = await startWorld({ scenario, mode, layout: NAMED_LAYOUTS[layoutName] });
console.log(
  `KSeF twin :${world.twin.port}, AP replica (${mode}) :${world.replica.port}, provider ${world.provider.url}` +
    ` — scenario "${scenario}", started in ${world.startupMs.toFixed(0)} ms`,
);
if (values['no-link'])
  console.log(`Provider API key for the options page: ${DEMO_API_KEY} (address ${world.provider.url})`);
else console.log(`The provider account (${world.provider.url}) is linked on the options page before the AP opens.`);

let browserSession: ExtensionSession | undefined;
const stop = async (code: number) => {
  await browserSession?.close();
  await world.close();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  browserSession = await launchSession(browserName, { hosts: world.hosts, headless, lang: values.lang });
  const page = (await browserSession.browser.pages())[0] ?? (await browserSession.browser.newPage());
  await page.setViewport({ width: 1280, height: 800 });
  if (values['provider-fault'] === 'session-expired') {
    await world.provider.app.request('/__provider/faults', {
      method: 'POST',
      body: JSON.stringify({ sessionExpired: true }),
    });
    console.log('Provider fault: its KSeF session as the user has expired (it cannot revoke).');
  }
  if (!values['no-link']) {
    await OptionsPage.linkProvider(browserSession, world.provider.url, DEMO_API_KEY);
  }
  const url = `https://ap-demo.ksef.mf.gov.pl${values.page ?? world.replica.routes.permissions}`;
  console.log(`Opening ${url} (served locally; nothing leaves this machine)`);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(
    () => {
      const panel = document.querySelector('ksef-companion')?.shadowRoot?.querySelector('[data-testid="panel"]');
      return (
        !!panel &&
        panel.getBoundingClientRect().height > 0 &&
        document.querySelectorAll('table tbody tr, [role="row"]').length > 0
      );
    },
    { timeout: 20_000 },
  );
  console.log('The AP replica shows its list and the extension panel is visible.');
  // The picture once the panel has settled: its card drawn, the provider's word in (when it comes within a few
  // seconds), and the page and the panel no longer moving.
  await page.waitForFunction(
    () =>
      !!document
        .querySelector('ksef-companion')
        ?.shadowRoot?.querySelector(
          '[data-testid="card"], [data-testid="registry-holders"], [data-testid="rows-summary"]',
        ),
    { timeout: 20_000 },
  );
  await page
    .waitForFunction(() => !document.querySelector('ksef-companion')?.shadowRoot?.querySelector('.state.unknown'), {
      timeout: 5_000,
    })
    .catch(() => console.log('The provider has not said how the integration stands; the card says so.'));
  await new ApRoom(page).waitSettled();
  if (screenshot) {
    mkdirSync(path.dirname(path.resolve(screenshot)), { recursive: true });
    await page.screenshot({ path: path.resolve(screenshot) });
    console.log(`Screenshot: ${path.resolve(screenshot)}`);
  }
  if (browserSession.name === 'firefox')
    console.log(
      `Loopback proxy: ${browserSession.refused.length} request(s) to other hosts refused; nothing left the machine.`,
    );
  if (headless) await stop(0);
  else
    console.log(
      `${browserName === 'firefox' ? 'Firefox' : 'Chromium'} is open with the extension. Press Ctrl-C to stop.`,
    );
} catch (e) {
  console.error(`demo: the extension panel did not appear: ${e instanceof Error ? e.message : String(e)}`);
  await stop(1);
}
