import { options, render } from 'preact';
import { apLocation } from '@/lib/ap/pages';
import { guideTargets, verdictTargets, type GuideTarget } from '@/lib/audit/leftovers';
import type { Controller } from './audit-controller';
import { I18nProvider } from './i18n';
import { download } from './download';
import { guide } from './guide';
import { Panel } from './Panel';
import panelCss from './panel.css?inline';
import { PANEL_UI, type PanelUi } from './panel-api';
import { runTour } from './tour';

/** What the audit of this page says is left of the provider's; null until it has judged the list. */
export function leftoverTargets(controller: Controller): GuideTarget[] | null {
  const snap = controller.session.snapshot();
  const visit = controller.visit.snapshot();
  if (visit.rowAudit) return verdictTargets(visit.rowAudit.records, visit.rowAudit.classified);
  if (snap.captures === 0 || snap.profile === null) return null;
  return verdictTargets(snap.records.grants, snap.audit.grants);
}

/** The panel's UI as the content script calls it (see `panel-api.ts`). */
export const panelUi: PanelUi = {
  css: panelCss,
  draw(container, { location, store, controller, i18n }) {
    render(
      <I18nProvider value={i18n}>
        <Panel location={location} captures={store} controller={controller} download={download} />
      </I18nProvider>,
      container,
    );
  },
  clear(container) {
    render(null, container);
  },
  guide: (doc, items, controller, signal) =>
    guide(doc, guideTargets(items, controller().session.snapshot().records), signal),
  tour(doc, request, { controller, transport }, signal) {
    const { tour, from, providerName } = request;
    void runTour(
      doc,
      tour,
      {
        provider: providerName,
        page: () => apLocation(doc.location.href)?.page ?? 'other',
        leftovers: () => leftoverTargets(controller()),
        // The background's router validates it; the answer says nothing the tour needs.
        onProgress: (p) =>
          void transport({ type: 'content→background:tour.progress', payload: p }).catch(() => undefined),
      },
      signal,
      from,
    );
    return Promise.resolve({ ok: true });
  },
};

/**
 * Register once per isolated world; a second injection keeps the first. Re-renders run in a task of their
 * own rather than right after the audit that caused them, so neither makes the page wait long (long-task
 * budget); this Preact instance serves only the panel.
 */
export function registerPanelUi(win: Window): void {
  const slots = win as unknown as Record<symbol, PanelUi | undefined>;
  if (slots[PANEL_UI]) return;
  options.debounceRendering = (render) => void setTimeout(render, 0);
  slots[PANEL_UI] = panelUi;
}
