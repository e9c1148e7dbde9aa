import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { apLocation, type ApLocation } from '@/lib/ap/pages';
import type { Transport } from '@/lib/messaging/client-core';
import { sendFromContent } from '@/lib/messaging/content-client';
import { contentRouter } from '@/lib/messaging/to-content';
import type { CaptureStore } from '@/lib/content/capture';
import { createController, type Controller } from './audit-controller';
import { createFeatureManager } from './features';
import { createPageWatch } from './page-watch';
import type { I18n } from '../i18n';
import type { PanelUi } from './panel-contract';
import { mountShadowHost } from '@/lib/ap/panel-host';
import type { PageWatch } from './page-watch';

export const PANEL_HOST = 'ksef-companion';

/** Tell the background what this visit has seen, at most once per `ms`, never after the visit ends. */
function reportState(
  store: CaptureStore,
  location: () => ApLocation,
  watch: PageWatch,
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
  // The page kind follows what the page shows (a list drawn after the URL changed).
  let shown = location().page;
  const offWatch = watch.subscribe(() => {
    if (location().page === shown) return;
    shown = location().page;
    schedule();
  });
  signal.addEventListener('abort', () => {
    off();
    offWatch();
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
  /** The panel's shadow root: closed in the store build, open where e2e tests read it. */
  shadow: ShadowRootMode;
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
  const watch = createPageWatch(document, ctx.signal);
  let controller: Controller | null = null;
  // The page's audit: set up before any request of the background can reach this page.
  const ready = () => controller!;

  let panel: { ui: PanelUi; container: HTMLElement } | null = null;
  let loading: Promise<PanelUi | null> | null = null;
  // The page as it shows itself: the list it draws (lib/ap/lists.ts), else what its URL suggests.
  const shown = (): ApLocation => ({ ...location, page: controller?.page() ?? location.page });
  const draw = () =>
    controller && panel?.ui.draw(panel.container, { location: shown(), store, controller, i18n, transport, watch });
  const showPanel = () =>
    (loading ??= opts.loadPanel().then((ui) => {
      if (!ui || ctx.isInvalid) return null;
      const { container, remove } = mountShadowHost(document, PANEL_HOST, ui.css, opts.shadow);
      panel = { ui, container };
      draw();
      ctx.onInvalidated(() => {
        ui.clear(container);
        remove();
      });
      return ui;
    }));

  const features = createFeatureManager(
    [
      // The audit and the marks on the AP's own rows: every AP page (records may come anywhere).
      {
        id: 'audit',
        appliesTo: () => true,
        init: ({ location: at, doc, signal }) => {
          controller = createController({
            environment: at.environment,
            route: at.page,
            store,
            transport,
            i18n,
            signal,
            doc,
            watch,
            tools: () => showPanel().then((ui) => ui?.tools ?? null),
          });
        },
      },
      // The panel: on the AP's lists from the start (whatever their URL), elsewhere once KSeF records appear.
      {
        id: 'panel',
        appliesTo: () => true,
        init: ({ signal }) => {
          const isList = () => LIST_PAGES.includes(shown().page);
          let drawnAs = shown().page;
          if (isList() || store.snapshot().captures.length > 0) void showPanel();
          const offCapture = store.onCapture(() => void showPanel());
          // A list drawn later (an SPA renders after it loads) brings the panel, which then names it.
          const offWatch = watch.subscribe(() => {
            if (isList()) void showPanel();
            if (drawnAs === shown().page) return;
            drawnAs = shown().page;
            draw();
          });
          signal.addEventListener('abort', () => (offCapture(), offWatch()));
          draw();
        },
      },
    ],
    { doc: document, watch, signal: ctx.signal },
    // Seen in the page's console by support; the other features go on.
    (id, error) => console.warn(`KSeF Companion: ${id} failed on this page`, error),
  );
  features.run(location);

  reportState(store, shown, watch, transport, ctx.signal);
  // The background's requests (a verified disconnect, guided steps, a diagnostic report): validated by the router,
  // done by this page's controller or the panel's bundle.
  opts.onBackground(
    contentRouter({
      'background→content:reread': ({ profile }) => ready().reread(profile),
      // The guide concludes only on the list itself; elsewhere (the AP's own revoke form) it waits for the next page.
      'background→content:guide': ({ items }) =>
        shown().page === 'permissions'
          ? showPanel().then((ui) => ui!.guide(document, items, ready, ctx.signal, watch))
          : new Promise<never>(() => undefined),
      'background→content:tour': (request) =>
        showPanel().then(
          (ui) => ui?.tour(document, request, { controller: ready, transport, watch }, ctx.signal) ?? null,
        ),
      'background→content:company': ({ contextNip }) => ready().nameCompany(contextNip),
      'background→content:changed': ({ contextNip, ksef }) => ready().changed(contextNip, ksef),
      'background→content:diagnostics': () =>
        showPanel().then((ui) => ui?.diagnostics(ready(), shown(), store.snapshot().skipped) ?? null),
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
    location = next;
    features.run(location);
  });
}
