import type { ApLocation } from '../ap/pages';
import { guideTargets, leftoversOf, rowLeftovers, verdictTargets, type GuideTarget } from '../audit/leftovers';
import type { Transport } from '../messaging/client-core';
import { sendFromPanel } from '../messaging/panel-client';
import { auditDiagnosticsOf } from '../diagnostics/audit-part';
import { download } from '../dom/save-file';
import type { CaptureStore } from './capture';
import type { Controller } from './audit-controller';
import { guide, guideState } from './guide';
import { readWhole } from './read-whole';
import { tidy, type I18n } from '../i18n';
import { PANEL_UI, type PanelUi } from './panel-contract';
import { closeTour, runTour, skipTourStep, tourState } from './tour';
import { createDock, type Dock } from './dock';

/**
 * The panel's bundle (ap-panel.js): what it does in the AP tab beside drawing the panel, which it gets from its
 * view (components/PanelView.tsx): guided removal and guided steps on the AP's own controls, the audit's part of
 * a diagnostic report, and the certificates the page's audit has seen, told to the background.
 */
/** The guided removal's and the guided steps' state for the panel to show, and the steps' own controls. */
export const PANEL_STEPS = { guide: guideState, tour: tourState, skipTourStep, closeTour };
export type PanelSteps = typeof PANEL_STEPS;

export interface PanelView {
  css: string;
  draw: (
    container: HTMLElement,
    props: {
      location: ApLocation;
      store: CaptureStore;
      controller: Controller;
      i18n: I18n;
      save: (name: string, type: string, text: string) => void;
      steps: PanelSteps;
      /** Make room for the panel in the page, open or collapsed. */
      dock: (open: boolean) => void;
    },
  ) => void;
  clear: (container: HTMLElement) => void;
}

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
  let tries = 0;
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
    void sendFromPanel(transport, 'content→background:certificates.seen', payload).catch(() => {
      // Not kept: the background has not heard this tab's company yet (its report follows the page's first
      // response). Told again a moment later, a few times.
      if (tries >= 5) return;
      tries++;
      last = '';
      setTimeout(send, 1000);
    });
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

/** The panel's texts name providers and companies: one full stop where such a name ends a sentence. */
const tidiedOf = new WeakMap<I18n, I18n>();

export function createPanelBundle(view: PanelView): PanelUi {
  // One dock per panel drawn: made when it is first drawn, given back when it is cleared.
  const docks = new WeakMap<HTMLElement, { dock: Dock; stop: AbortController }>();
  return {
    css: view.css,
    draw(container, { location, store, controller, i18n, transport, watch }) {
      reportCertificates(controller, location, transport);
      let docked = docks.get(container);
      if (!docked) {
        const stop = new AbortController();
        const host = (container.getRootNode() as ShadowRoot).host as HTMLElement;
        docked = { dock: createDock(host, watch, stop.signal), stop };
        docks.set(container, docked);
      }
      const { dock } = docked;
      let tidied = tidiedOf.get(i18n);
      if (!tidied) {
        const { t } = i18n;
        tidied = { lang: i18n.lang, t: (key, subs) => tidy(t(key, subs)) };
        tidiedOf.set(i18n, tidied);
      }
      view.draw(container, {
        location,
        store,
        controller,
        i18n: tidied,
        save: download,
        steps: PANEL_STEPS,
        dock: dock.set,
      });
    },
    clear(container) {
      docks.get(container)?.stop.abort();
      docks.delete(container);
      view.clear(container);
    },
    tools: { readWhole, leftoversOf, rowLeftovers },
    diagnostics: (controller, location, skipped) =>
      auditDiagnosticsOf(controller.session.snapshot(), controller.visit.snapshot(), location, skipped),
    guide: (doc, items, controller, signal, watch) =>
      guide(doc, guideTargets(items, controller().session.snapshot().records), signal, watch),
    tour(doc, request, { controller, transport, watch }, signal) {
      const { tour, from, providerName } = request;
      void runTour(
        doc,
        tour,
        {
          provider: providerName,
          watch,
          page: () => controller().page(),
          // The audit's word can come without the page changing (the provider's profile, a response).
          onAudit: (l) => {
            const c = controller();
            const offs = [c.visit.subscribe(l), c.session.subscribe(l)];
            return () => offs.forEach((off) => off());
          },
          leftovers: () => leftoverTargets(controller()),
          // Rows judged from their text alone and nothing from KSeF: the company is never named on such a page.
          judgeable: () => controller().session.snapshot().captures > 0 || !controller().visit.snapshot().rowAudit,
          onProgress: (p) =>
            void sendFromPanel(transport, 'content→background:tour.progress', p).catch(() => undefined),
        },
        signal,
        from,
      );
      return Promise.resolve({ ok: true });
    },
  };
}

/** Register once per isolated world, where the content script finds it; a second injection keeps the first. */
export function registerPanelBundle(win: Window, bundle: PanelUi): void {
  const slots = win as unknown as Record<symbol, PanelUi | undefined>;
  slots[PANEL_UI] ??= bundle;
}
