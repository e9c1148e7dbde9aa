/**
 * `npm run bench`: one JSON object with the audit's speed and size figures, each noisy one with its spread (the
 * 10th and 90th percentile of its runs, `…Spread`). Classification and the observer wrapper's own cost per
 * request in Node; panel, marks, long tasks, a flood of forged page messages, load ratios (ours, an empty extension, none) and the observer's cost
 * as the page sees it in Chromium; the full audit's request count against the twin and the replica; gzip sizes
 * of the store build.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import puppeteer, { type Browser } from 'puppeteer-core';
import { installObserver } from '../lib/ap/bridge/observer';
import { classifyGrants } from '../lib/audit/classify';
import type { GrantLike } from '../lib/audit/types';
import { CHROME_PATH, hostRules, launchWithExtension } from '../test/e2e/browser';
import { OptionsPage } from '../test/e2e/pages/options';
import { PanelOnAp } from '../test/e2e/pages/panel';
import { nipFor, peselFor } from '../test/sim/ids';
import { PROVIDER } from '../test/sim/people';
import { listen } from '../test/sim/serve';
import { startWorld } from '../test/sim/world';
import { floodBench } from './bench-flood';
import { longestExtensionTask, TRACE_CATEGORIES } from './bench-trace';

/** The simulation's provider as the profile, set by hand on the options page (no account is linked here). */
const setSimProfile = (session: Parameters<typeof OptionsPage.setProfile>[0]) =>
  OptionsPage.setProfile(session, { name: PROVIDER.product, nip: PROVIDER.nip }, 'active');

const root = path.resolve(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
/** A noisy figure's spread: the 10th and 90th percentile of its runs. */
const spread = (xs: number[], d = 2): [number, number] => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return [round(at(0.1), d), round(at(0.9), d)];
};

function grants(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => {
    const provider = i === 5 || i === 6;
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      authorizedIdentifier: provider
        ? { type: 'Nip', value: PROVIDER.nip }
        : i % 3
          ? { type: 'Pesel', value: peselFor(i) }
          : { type: 'Nip', value: nipFor(i) },
      authorIdentifier: { type: 'Pesel', value: '15062788702' },
      permissionScope: provider ? (i === 5 ? 'InvoiceWrite' : 'InvoiceRead') : i % 2 ? 'InvoiceRead' : 'InvoiceWrite',
      description: `Uprawnienie ${i}`,
      permissionState: 'Active',
      startDate: '2026-01-01T00:00:00Z',
      canDelegate: false,
      subjectEntityDetails: {
        subjectDetailsType: 'EntityByIdentifier',
        fullName: provider ? PROVIDER.name : `Podmiot ${i}`,
      },
    };
  });
}

/** Median of 9 after 3 untimed runs (steady state), and the very first run on its own (cold). */
function classifyBench(): { classify10kMs: number; classify10kColdMs: number } {
  const data = grants(10_000) as unknown as GrantLike[];
  const profile = {
    name: 'Fakturowo',
    providerNips: [PROVIDER.nip],
    state: 'active' as const,
    scopes: ['InvoiceWrite', 'InvoiceRead'],
    mode: 'provider-certificates' as const,
  };
  const ctx = { contextNip: '5265877635', environment: 'DEMO' as const };
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    classifyGrants(data, profile, ctx);
    times.push(performance.now() - t0);
  }
  return { classify10kMs: round(median(times.slice(3))), classify10kColdMs: round(times[0]!) };
}

/** A host the AP might also fetch from (fonts, analytics): the observer's non-matching case. */
const THIRD_PARTY = 'static.cdn-bench.example';

/** A page like the AP's list that renders N grants from one response and times what follows. */
const BENCH_PAGE = `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>bench</title></head><body><main><table><tbody id="rows"></tbody></table></main>
<script>
window.__longest = 0;
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask', buffered: true }); } catch {}
window.__run = async (n) => {
  const res = await fetch('https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageSize=' + n, { method: 'POST', headers: { Authorization: 'Bearer bench', 'Content-Type': 'application/json' }, body: '{"queryType":"PermissionsInCurrentContext"}' });
  const body = await res.json();
  const t0 = performance.now();
  const tb = document.getElementById('rows');
  const frag = document.createDocumentFragment();
  for (const p of body.permissions.slice(0, 100)) { const tr = document.createElement('tr'); for (const t of [p.authorizedIdentifier.type + ' ' + p.authorizedIdentifier.value, p.permissionScope === 'InvoiceWrite' ? 'Wystawianie faktur' : 'Przeglądanie faktur', p.description]) { const td = document.createElement('td'); td.textContent = t; tr.append(td); } frag.append(tr); }
  tb.replaceChildren(frag);
  return t0;
};
window.__waitMarks = (n, expected) => new Promise((resolve, reject) => {
  const host = document.querySelector('ksef-companion');
  const check = () => {
    const card = host?.shadowRoot?.querySelector('[data-testid="card"]');
    if (document.querySelectorAll('ksef-companion-mark').length !== expected || !card) return;
    obs.disconnect();
    clearTimeout(timer);
    resolve(performance.now());
  };
  const obs = new MutationObserver(check);
  obs.observe(document.body, { childList: true, subtree: true });
  if (host?.shadowRoot) obs.observe(host.shadowRoot, { childList: true, subtree: true, characterData: true });
  const timer = setTimeout(() => { obs.disconnect(); reject(new Error('marks ' + document.querySelectorAll('ksef-companion-mark').length + ': ' + host?.shadowRoot?.querySelector('[data-testid="panel"]')?.textContent)); }, 20000);
  check();
});
window.__fetchMany = async (k, url) => { const t0 = performance.now(); for (let i = 0; i < k; i++) await (await fetch(url)).json(); return (performance.now() - t0) / k; };
</script></body></html>`;

async function benchServer() {
  const app = new Hono();
  const cors = {
    'access-control-allow-origin': 'https://ap-demo.ksef.mf.gov.pl',
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'POST, GET',
  };
  app.options('*', (c) => c.body(null, 204, cors));
  app.post('/v2/permissions/query/persons/grants', (c) =>
    c.json({ permissions: grants(Number(c.req.query('pageSize'))), hasMore: false }, 200, cors),
  );
  app.get('/plain', (c) => c.json({ ok: true, items: [1, 2, 3] }, 200, cors));
  app.get('/web/*', (c) => c.html(BENCH_PAGE));
  return listen(app, { https: true });
}

async function browserBench() {
  const server = await benchServer();
  const hosts = {
    'ap-demo.ksef.mf.gov.pl': server.port,
    'api-demo.ksef.mf.gov.pl': server.port,
    [THIRD_PARTY]: server.port,
  };
  const withExt = await launchWithExtension({ hosts });
  await setSimProfile(withExt);
  const plain = await puppeteer.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      `--host-resolver-rules=${hostRules(hosts)}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
    ],
  });
  const url = 'https://ap-demo.ksef.mf.gov.pl/web/permissions';
  /**
   * Response → card and marks ready: median of 7 runs without tracing. Then 3 traced runs (with V8's sampler,
   * which slows everything) for the longest task that ran our code, and the longest task of any kind.
   */
  const panelMs = async (n: number) => {
    const run = async (traced: boolean) => {
      const p = await withExt.browser.newPage();
      await p.goto(url, { waitUntil: 'load' });
      await p.waitForFunction(() => !!document.querySelector('ksef-companion'));
      if (traced) await p.tracing.start({ categories: TRACE_CATEGORIES });
      const t0 = await p.evaluate((k) => (window as unknown as { __run: (k: number) => Promise<number> }).__run(k), n);
      const t1 = await p.evaluate(
        (k) => (window as unknown as { __waitMarks: (k: number, e: number) => Promise<number> }).__waitMarks(k, 2),
        n,
      );
      await new Promise((r) => setTimeout(r, 500));
      const tasks = traced ? longestExtensionTask(await p.tracing.stop()) : { ours: 0, any: 0 };
      await p.close();
      return { ms: t1 - t0, ...tasks };
    };
    const times: number[] = [];
    for (let i = 0; i < 7; i++) times.push((await run(false)).ms);
    const traced = [await run(true), await run(true), await run(true)];
    return {
      ms: round(median(times)),
      spread: spread(times),
      longest: round(Math.max(...traced.map((t) => t.ours))),
      longestAny: round(Math.max(...traced.map((t) => t.any))),
    };
  };
  const p1k = await panelMs(1_000);
  const p10k = await panelMs(10_000);
  /** Per-fetch cost as the page sees it, with and without the extension, interleaved; medians. */
  const fetchCost = async (target: string) => {
    const pages = await Promise.all([withExt.browser.newPage(), plain.newPage()]);
    for (const p of pages) await p.goto(url, { waitUntil: 'load' });
    const run = (p: (typeof pages)[number], k: number) =>
      p.evaluate(
        (k, u) => (window as unknown as { __fetchMany: (k: number, u: string) => Promise<number> }).__fetchMany(k, u),
        k,
        target,
      );
    for (const p of pages) await run(p, 50);
    const [w, wo]: [number[], number[]] = [[], []];
    for (let i = 0; i < 7; i++) {
      w.push(await run(pages[0], 200));
      wo.push(await run(pages[1], 200));
    }
    for (const p of pages) await p.close();
    // Not clamped: a difference below the noise reads as about zero or below, with its spread to show the noise.
    return {
      ms: round(median(w) - median(wo), 3),
      spread: spread(
        w.map((x, i) => x - wo[i]!),
        3,
      ),
    };
  };
  const otherHost = await fetchCost(`https://${THIRD_PARTY}/plain`);
  const ksefJson = await fetchCost('https://api-demo.ksef.mf.gov.pl/plain');
  await withExt.close();
  await plain.close();
  await server.close();
  return {
    panel1kMs: p1k.ms,
    panel1kMsSpread: p1k.spread,
    panel10kMs: p10k.ms,
    panel10kMsSpread: p10k.spread,
    longestTaskMs: Math.max(p1k.longest, p10k.longest),
    longestTaskAnyMs: Math.max(p1k.longestAny, p10k.longestAny),
    observerOverheadMs: otherHost.ms,
    observerOverheadMsSpread: otherHost.spread,
    observerOverheadKsefJsonMs: ksefJson.ms,
    observerOverheadKsefJsonMsSpread: ksefJson.spread,
  };
}

/** A flood of page messages (scripts/bench-flood.ts) on the bench page, with the extension and without. */
async function floodPart() {
  const server = await benchServer();
  const hosts = { 'ap-demo.ksef.mf.gov.pl': server.port, 'api-demo.ksef.mf.gov.pl': server.port };
  const withExt = await launchWithExtension({ hosts });
  await setSimProfile(withExt);
  const plain = await puppeteer.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=${hostRules(hosts)}`, '--ignore-certificate-errors'],
  });
  const out = await floodBench(withExt.browser, plain, 'https://ap-demo.ksef.mf.gov.pl/web/permissions');
  await withExt.close();
  await plain.close();
  await server.close();
  return out;
}

/**
 * The AP replica's load (navigation to `load`) in three browsers, 31 loads each, interleaved: with our extension,
 * with an empty extension (the browser's own cost of hosting one), and with none. Medians, with spreads.
 */
async function loadRatioBench() {
  const world = await startWorld({ scenario: 'active-integration', mode: 'direct' });
  const withExt = await launchWithExtension({ hosts: world.hosts });
  await setSimProfile(withExt);
  const emptyDir = mkdtempSync(path.join(tmpdir(), 'ksef-empty-ext-'));
  writeFileSync(
    path.join(emptyDir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Empty',
      version: '1.0',
      background: { service_worker: 'background.js' },
    }),
  );
  writeFileSync(path.join(emptyDir, 'background.js'), '');
  const empty = await launchWithExtension({ hosts: world.hosts, extensionDir: emptyDir });
  const plain = await puppeteer.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      `--host-resolver-rules=${hostRules(world.hosts)}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
    ],
  });
  const url = 'https://ap-demo.ksef.mf.gov.pl/web/permissions';
  const once = async (b: Browser) => {
    const p = await b.newPage();
    await p.goto(url, { waitUntil: 'load' });
    const ms = await p.evaluate(() => performance.getEntriesByType('navigation')[0]!.duration);
    // Let the page settle (our script starts after load) so one run's work does not spill into the next.
    await new Promise((r) => setTimeout(r, 400));
    await p.close();
    return ms;
  };
  for (const b of [withExt.browser, empty.browser, plain]) await once(b);
  const [withMs, emptyMs, withoutMs]: [number[], number[], number[]] = [[], [], []];
  for (let i = 0; i < 31; i++) {
    withMs.push(await once(withExt.browser));
    emptyMs.push(await once(empty.browser));
    withoutMs.push(await once(plain));
  }
  await withExt.close();
  await empty.close();
  await plain.close();
  await world.close();
  rmSync(emptyDir, { recursive: true, force: true });
  const ratios = (a: number[], b: number[]) => a.map((x, i) => x / b[i]!);
  return {
    loadRatio: round(median(withMs) / median(withoutMs), 3),
    loadRatioSpread: spread(ratios(withMs, withoutMs), 3),
    loadRatioEmptyExtension: round(median(emptyMs) / median(withoutMs), 3),
    loadRatioEmptyExtensionSpread: spread(ratios(emptyMs, withoutMs), 3),
    /** Ours against an empty extension: what our code costs the load, apart from the browser's hosting. */
    loadRatioOursOverEmpty: round(median(withMs) / median(emptyMs), 3),
    loadRatioOursOverEmptySpread: spread(ratios(withMs, emptyMs), 3),
    replicaLoadMs: round(median(withoutMs), 1),
    replicaLoadMsSpread: spread(withoutMs, 1),
  };
}

/**
 * The observer's own cost per request, in microseconds: the page's `fetch` through the wrapper against a stub
 * that answers at once, minus the stub alone; 100,000 calls a round, 31 rounds. No browser: what is measured is
 * our code, not the network.
 */
async function wrapperBench() {
  const location = new URL('https://ap-demo.ksef.mf.gov.pl/web/permissions') as unknown as Location;
  // One answer, made once: the stub itself allocates nothing, so what differs is the wrapper's work.
  const answered = Promise.resolve(new Response('{}', { headers: { 'content-type': 'text/plain' } }));
  const fakeWindow = () => ({
    fetch: (() => answered) as unknown as typeof fetch,
    location,
    XMLHttpRequest: class {} as unknown as typeof XMLHttpRequest,
    addEventListener: () => undefined,
    postMessage: () => undefined,
  });
  const wrapped = fakeWindow();
  installObserver(wrapped as unknown as Window & typeof globalThis);
  const bare = fakeWindow();
  const N = 100_000;
  const round1 = async (w: { fetch: typeof fetch }, url: string) => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) void w.fetch(url);
    const us = ((performance.now() - t0) * 1000) / N;
    // What the wrapper left for later (its look at the answer) runs before the next round.
    await new Promise((r) => setTimeout(r, 0));
    return us;
  };
  const cost = async (url: string) => {
    const diffs: number[] = [];
    for (let r = 0; r < 3; r++) await round1(r % 2 ? wrapped : bare, url);
    for (let r = 0; r < 31; r++) diffs.push((await round1(wrapped, url)) - (await round1(bare, url)));
    return { us: round(median(diffs), 3), spread: spread(diffs, 3) };
  };
  const other = await cost('https://cdn.example.com/app.js');
  const ksef = await cost('https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants');
  return {
    observerWrapperUsOtherHost: other.us,
    observerWrapperUsOtherHostSpread: other.spread,
    observerWrapperUsKsefRequest: ksef.us,
    observerWrapperUsKsefRequestSpread: ksef.spread,
  };
}

async function fullAuditBench() {
  const world = await startWorld({ scenario: 'accounting-office', mode: 'direct' });
  // Keep the provider's grants and the accountant's, and 1,000 grants in all.
  const all = world.twin.world.permissions;
  world.twin.world.permissions = [...all.slice(-4), ...all.slice(0, 996)];
  const s = await launchWithExtension({ hosts: world.hosts });
  await setSimProfile(s);
  const p = await s.browser.newPage();
  await p.goto('https://ap-demo.ksef.mf.gov.pl/web/permissions', { waitUntil: 'load' });
  const panel = new PanelOnAp(p);
  await panel.waitForButton('checkAll', 20_000);
  const before = world.twin.world.log.length;
  await panel.press('checkAll');
  await panel.waitFor('checkAllResult', '', 120_000);
  const result = await panel.text('checkAllResult');
  const log = world.twin.world.log.slice(before).filter((e) => e.clientIp === '127.0.0.1');
  await s.close();
  await world.close();
  return {
    fullAudit1kRequests: log.length,
    fullAudit1k429s: log.filter((e) => e.status === 429).length,
    fullAudit1kResult: result,
  };
}

function gzipBytes() {
  const dir = path.join(root, '.output/chrome-mv3');
  const size = (f: string) => gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length;
  return {
    apContentScript: size('ap.js'),
    apPanel: size('ap-panel.js'),
    observer: size('content-scripts/observer.js'),
    background: size('background.js'),
  };
}

/** `npm run bench -- --only browser` (or classify, wrapper, load, audit, sizes): one part, while tuning it. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const part = async <T>(name: string, run: () => T | Promise<T>) => (!only || only === name ? await run() : {});
const out = {
  ...(await part('classify', classifyBench)),
  ...(await part('wrapper', wrapperBench)),
  ...(await part('browser', browserBench)),
  ...(await part('flood', floodPart)),
  ...(await part('load', loadRatioBench)),
  ...(await part('audit', fullAuditBench)),
  ...(!only || only === 'sizes' ? { gzipBytes: gzipBytes() } : {}),
};
console.log(JSON.stringify(out, null, 2));
process.exit(0);
