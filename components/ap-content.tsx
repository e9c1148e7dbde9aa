import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { apLocation, type ApLocation } from '@/lib/ap/pages';
import { send, type Transport } from '@/lib/messaging/client';
import type { CaptureStore } from '@/lib/messaging/page-bridge';
import { createController } from './audit-controller';
import { I18nProvider, type I18n } from './i18n';
import { Panel } from './Panel';
import panelCss from './panel.css?inline';
import { mountShadowHost } from '@/lib/ap/panel-host';

export const PANEL_HOST = 'ksef-companion';

/** Tell the background what this visit has seen, at most once per `ms`, never after the visit ends. */
function reportState(
  store: CaptureStore,
  location: () => ApLocation,
  transport: Transport,
  signal: AbortSignal,
  ms = 300,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (signal.aborted) return;
    const snap = store.snapshot();
    const loc = location();
    send(transport, 'content→background:ap.state', {
      environment: loc.environment,
      page: loc.page,
      responses: snap.captures.length,
      rejected: snap.rejected,
      updatedAt: Date.now(),
    }).catch(() => undefined);
  };
  const schedule = () => {
    timer ??= setTimeout(flush, ms);
  };
  const off = store.subscribe(schedule);
  signal.addEventListener('abort', () => {
    off();
    clearTimeout(timer);
  });
  flush();
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Mount the panel in a shadow root once the document exists, run the audit for the page, and start again
 * after SPA navigation: each page's controller, marks and timers end with it.
 */
export async function startApContent(opts: {
  ctx: ContentScriptContext;
  location: ApLocation;
  store: CaptureStore;
  transport: Transport;
  i18n: I18n;
}): Promise<void> {
  const { ctx, store, transport, i18n } = opts;
  let location = opts.location;
  if (document.readyState === 'loading') {
    await new Promise<void>((resolve) =>
      ctx.addEventListener(document, 'DOMContentLoaded', () => resolve(), { once: true }),
    );
  }
  if (ctx.isInvalid) return;
  let page = new AbortController();
  const pageController = () =>
    createController({
      environment: location.environment,
      judgeRows: location.page === 'permissions',
      store,
      transport,
      i18n,
      signal: AbortSignal.any([ctx.signal, page.signal]),
      doc: document,
    });
  let controller = pageController();
  const { container, remove } = mountShadowHost(document, PANEL_HOST, panelCss);
  const draw = () =>
    render(
      <I18nProvider value={i18n}>
        <Panel location={location} captures={store} controller={controller} download={download} />
      </I18nProvider>,
      container,
    );
  draw();
  ctx.onInvalidated(() => {
    render(null, container);
    remove();
  });
  reportState(store, () => location, transport, ctx.signal);
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    const next = apLocation(newUrl.href);
    if (!next) return;
    page.abort();
    page = new AbortController();
    location = next;
    controller = pageController();
    draw();
  });
}
