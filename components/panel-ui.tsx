import { options, render } from 'preact';
import { apLocation, type ApLocation } from '@/lib/ap/pages';
import type { Transport } from '@/lib/messaging/client-core';
import { auditDiagnosticsOf } from '@/lib/report/diagnostics';
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
function leftoverTargets(controller: Controller): GuideTarget[] | null {
  const snap = controller.session.snapshot();
  const visit = controller.visit.snapshot();
  // Judged only by the provider's word for this company: until it has come, the options page's profile stands in,
  // and a page that never names its company (an AP rendering its list on its server) never gets it.
  if (!visit.contextNip || visit.profileFor !== visit.contextNip || snap.profile === null) return null;
  if (visit.rowAudit) return verdictTargets(visit.rowAudit.records, visit.rowAudit.classified);
  if (snap.captures === 0) return null;
  return verdictTargets(snap.records.grants, snap.audit.grants);
}

/**
 * Tell the background which certificates this page's audit has seen (the own-certificate watch), whenever they
 * change. One page's controller at a time: a new page (SPA navigation) ends the previous one's subscription.
 */
let watching: { controller: Controller; off: () => void } | null = null;
function reportCertificates(controller: Controller, location: ApLocation, transport: Transport) {
  if (watching?.controller === controller) return;
  watching?.off();
  let last = '';
  const send = () => {
    const contextNip = controller.visit.snapshot().contextNip;
    const certificates = controller.session.snapshot().records.certificates.map((c) => ({
      serial: c.certificateSerialNumber,
      name: c.name,
      validTo: c.validTo,
      status: c.status,
    }));
    const key = JSON.stringify([contextNip, certificates]);
    if (!contextNip || certificates.length === 0 || key === last) return;
    last = key;
    const payload = { environment: location.environment, contextNip, certificates: certificates.slice(0, 1000) };
    void transport({ type: 'content→background:certificates.seen', payload }).catch(() => undefined);
  };
  const offSession = controller.session.subscribe(send);
  const offVisit = controller.visit.subscribe(send);
  watching = {
    controller,
    off: () => {
      offSession();
      offVisit();
    },
  };
  send();
}

/** The panel's UI as the content script calls it (see `panel-api.ts`). */
export const panelUi: PanelUi = {
  css: panelCss,
  draw(container, { location, store, controller, i18n, transport }) {
    reportCertificates(controller, location, transport);
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
  diagnostics: (controller, location, skipped) =>
    auditDiagnosticsOf(controller.session.snapshot(), controller.visit.snapshot(), location, skipped),
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
        // Rows judged from their text alone and nothing from KSeF: the company is never named on such a page.
        judgeable: () => controller().session.snapshot().captures > 0 || !controller().visit.snapshot().rowAudit,
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
