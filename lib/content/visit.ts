import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { apLocation, type ApLocation } from '@/lib/ap/pages';
import type { Transport } from '@/lib/messaging/client-core';
import { sendFromContent } from '@/lib/messaging/content-client';
import { contentRouter } from '@/lib/messaging/to-content';
import type { CaptureStore } from '@/lib/content/capture';
import { createController } from './audit-controller';
import type { I18n } from '../i18n';
import type { PanelUi } from './panel-contract';
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
    sendFromContent(transport, 'content→background:ap.state', {
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

/** Pages where the panel shows from the start; elsewhere it appears once KSeF records are seen. */
const LIST_PAGES: readonly ApLocation['page'][] = ['permissions', 'tokens', 'certificates'];

/**
 * Run the audit for the page (marks, badge, history) and start again after SPA navigation: each page's
 * controller, marks and timers end with it. The panel's UI is loaded on the AP's list pages, or once KSeF
 * records appear elsewhere, and drawn in its own shadow root.
 */
export async function startApContent(opts: {
  ctx: ContentScriptContext;
  location: ApLocation;
  store: CaptureStore;
  transport: Transport;
  i18n: I18n;
  /** Bring the panel's UI bundle into this world; null when it cannot be had. */
  loadPanel: () => Promise<PanelUi | null>;
  /** Where the background's requests arrive (the entrypoint wires `runtime.onMessage`). */
  onBackground: (handler: (message: unknown) => Promise<unknown> | null) => void;
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

  let panel: { ui: PanelUi; container: HTMLElement } | null = null;
  let loading: Promise<PanelUi | null> | null = null;
  const draw = () => panel?.ui.draw(panel.container, { location, store, controller, i18n, transport });
  const showPanel = () =>
    (loading ??= opts.loadPanel().then((ui) => {
      if (!ui || ctx.isInvalid) return null;
      const { container, remove } = mountShadowHost(document, PANEL_HOST, ui.css);
      panel = { ui, container };
      draw();
      ctx.onInvalidated(() => {
        ui.clear(container);
        remove();
      });
      return ui;
    }));
  if (LIST_PAGES.includes(location.page) || store.snapshot().captures.length > 0) void showPanel();
  else {
    const off = store.onCapture(() => {
      off();
      void showPanel();
    });
    ctx.onInvalidated(off);
  }

  reportState(store, () => location, transport, ctx.signal);
  // The background's requests (a verified disconnect, guided steps, a diagnostic report): validated by the router,
  // done by this page's controller or the panel's bundle.
  opts.onBackground(
    contentRouter({
      'background→content:reread': ({ profile }) => controller.reread(profile),
      // The guide concludes only on the list itself; elsewhere (the AP's own revoke form) it waits for the next page.
      'background→content:guide': ({ items }) =>
        location.page === 'permissions'
          ? showPanel().then((ui) => ui!.guide(document, items, () => controller, ctx.signal))
          : new Promise<never>(() => undefined),
      'background→content:tour': (request) =>
        showPanel().then(
          (ui) => ui?.tour(document, request, { controller: () => controller, transport }, ctx.signal) ?? null,
        ),
      'background→content:diagnostics': () =>
        showPanel().then((ui) => ui?.diagnostics(controller, location, store.snapshot().skipped) ?? null),
      'background→content:call': ({ call }) =>
        store.call(call, ctx.signal).then(({ kind, status, body, reason, retryAfter }) => ({
          kind,
          status,
          body,
          reason,
          retryAfter,
        })),
    }),
  );
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    const next = apLocation(newUrl.href);
    if (!next) return;
    page.abort();
    page = new AbortController();
    location = next;
    controller = pageController();
    if (LIST_PAGES.includes(location.page)) void showPanel();
    draw();
  });
}
