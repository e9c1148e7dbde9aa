/**
 * `flood10kMs` for `npm run bench`: a script in the AP's page posts 10,000 messages shaped like the observer's,
 * each a KSeF response with one grant. Measured from a trace of the tab's main thread: the time its tasks took
 * from the first message until all work has settled, with the extension, minus the same flood in a browser
 * without it (the page's own posting and the browser's dispatch). Also the longest task with the extension (the
 * page's own posting loop is one) and the longest that ran the extension's code: whether the tab stayed responsive.
 */
import type { Browser, Page } from 'puppeteer-core';
import { BRIDGE_TAG, BRIDGE_VERSION } from '../lib/ap/bridge';
import { longestExtensionTask, TRACE_CATEGORIES } from './bench-trace';

export const FLOOD_MESSAGES = 10_000;

/** Posts the flood and resolves once the last message and a quiet second after it have passed. */
const FLOOD_SCRIPT = `window.__flood = (n, tag, v) => new Promise((resolve) => {
  const url = (i) => 'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants?pageOffset=' + i + '&pageSize=1';
  const grant = (i) => ({ id: '00000000-0000-4000-9000-' + String(i).padStart(12, '0'),
    authorizedIdentifier: { type: 'Nip', value: '5260250274' }, authorIdentifier: { type: 'Pesel', value: '15062788702' },
    permissionScope: 'InvoiceRead', description: 'Zalew ' + i, permissionState: 'Active', startDate: '2026-01-01T00:00:00Z', canDelegate: false });
  for (let i = 0; i < n; i++) {
    window.postMessage({ tag, v, kind: 'response', method: 'POST', url: url(i), status: 200,
      text: JSON.stringify({ permissions: [grant(i)], hasMore: i < n - 1 }) }, location.origin);
  }
  window.addEventListener('message', function done(e) {
    if (e.data !== 'flood-end') return;
    window.removeEventListener('message', done);
    // Work the extension left for later (timers, renders) runs in this second.
    setTimeout(resolve, 1000);
  });
  window.postMessage('flood-end', location.origin);
});`;

interface Task {
  ph: string;
  name: string;
  tid: number;
  pid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { frame?: string } };
}

/** The renderer main thread's tasks in the trace: the thread named `CrRendererMain` of the page's process. */
function mainThreadTasks(trace: Uint8Array | undefined): Task[] {
  if (!trace) return [];
  const events = (JSON.parse(Buffer.from(trace).toString('utf8')) as { traceEvents: Task[] }).traceEvents;
  const mains = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  return events.filter(
    (e) => e.ph === 'X' && e.name === 'RunTask' && typeof e.dur === 'number' && mains.has(`${e.pid}:${e.tid}`),
  );
}

async function floodOnce(browser: Browser, url: string, sampled = false) {
  const page: Page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(FLOOD_SCRIPT);
  // Let the extension's own start on the page settle first.
  await new Promise((r) => setTimeout(r, 1500));
  await page.tracing.start({
    categories: sampled ? TRACE_CATEGORIES : ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  const wall = await page.evaluate(
    (n, tag, v) => {
      const t0 = performance.now();
      return (window as unknown as { __flood: (n: number, t: string, v: number) => Promise<void> })
        .__flood(n, tag, v)
        .then(() => performance.now() - t0 - 1000);
    },
    FLOOD_MESSAGES,
    BRIDGE_TAG,
    BRIDGE_VERSION,
  );
  const trace = await page.tracing.stop();
  await page.close();
  if (sampled) return { busyMs: 0, longestMs: longestExtensionTask(trace).ours, wallMs: wall };
  const tasks = mainThreadTasks(trace);
  // Only the renderer that ran the page: the busiest main thread in the trace.
  const byThread = new Map<string, Task[]>();
  for (const t of tasks) byThread.set(`${t.pid}:${t.tid}`, [...(byThread.get(`${t.pid}:${t.tid}`) ?? []), t]);
  const sum = (ts: Task[]) => ts.reduce((s, t) => s + t.dur! / 1000, 0);
  const main = [...byThread.values()].sort((a, b) => sum(b) - sum(a))[0] ?? [];
  return { busyMs: sum(main), longestMs: Math.max(0, ...main.map((t) => t.dur! / 1000)), wallMs: wall };
}

/** Five floods in each browser, interleaved; medians. */
export async function floodBench(withExt: Browser, plain: Browser, url: string) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const round = (x: number) => Math.round(x * 10) / 10;
  const ours: Awaited<ReturnType<typeof floodOnce>>[] = [];
  const base: Awaited<ReturnType<typeof floodOnce>>[] = [];
  for (let i = 0; i < 5; i++) {
    ours.push(await floodOnce(withExt, url));
    base.push(await floodOnce(plain, url));
  }
  const diffs = ours.map((o, i) => o.busyMs - base[i]!.busyMs);
  // Once more with V8's sampler (which slows everything, so not for the times above): the longest task that ran
  // the extension's code, apart from the page's own (its loop posting the 10,000 messages).
  const sampled = await floodOnce(withExt, url, true);
  return {
    flood10kMs: round(median(diffs)),
    flood10kMsSpread: [round(Math.min(...diffs)), round(Math.max(...diffs))],
    flood10kLongestTaskMs: round(median(ours.map((o) => o.longestMs))),
    flood10kLongestOwnTaskMs: round(sampled.longestMs),
    flood10kWallMs: round(median(ours.map((o) => o.wallMs))),
    flood10kPageOnlyMs: round(median(base.map((o) => o.busyMs))),
    flood10kLongestTaskPageOnlyMs: round(median(base.map((o) => o.longestMs))),
  };
}
