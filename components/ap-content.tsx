import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ApLocation } from '@/lib/ap/pages';
import { send, type Transport } from '@/lib/messaging/client';
import type { CaptureStore } from '@/lib/messaging/page-bridge';
import { I18nProvider, type I18n } from './i18n';
import { Panel } from './Panel';

export const PANEL_HOST = 'ksef-companion';

/** Tell the background what this visit has seen, at most once per `ms`, never after the visit ends. */
function reportState(store: CaptureStore, location: ApLocation, transport: Transport, signal: AbortSignal, ms = 300) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (signal.aborted) return;
    const snap = store.snapshot();
    send(transport, 'content→background:ap.state', {
      environment: location.environment,
      page: location.page,
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

/** Mount the panel in a shadow root once the document exists, and keep the background informed. */
export async function startApContent(opts: {
  ctx: ContentScriptContext;
  location: ApLocation;
  store: CaptureStore;
  transport: Transport;
  i18n: I18n;
}): Promise<void> {
  const { ctx, location, store, transport, i18n } = opts;
  if (document.readyState === 'loading') {
    await new Promise<void>((resolve) =>
      ctx.addEventListener(document, 'DOMContentLoaded', () => resolve(), { once: true }),
    );
  }
  if (ctx.isInvalid) return;
  const ui = await createShadowRootUi(ctx, {
    name: PANEL_HOST,
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount: (container) => {
      render(
        <I18nProvider value={i18n}>
          <Panel location={location} captures={store} />
        </I18nProvider>,
        container,
      );
      return container;
    },
    onRemove: (container) => {
      if (container) render(null, container);
    },
  });
  ui.mount();
  reportState(store, location, transport, ctx.signal);
}
