import { typedSendToTab, type RawSendToTab } from '../send-to-tab';
import type { KsefEnvironment } from '../../ksef/environments';
import type { Handlers } from '../../messaging/router';
import { readSettings } from '../../storage/settings';
import { getTour, putTour, type TourRun } from '../../storage/tours';

type TourHandlers = Pick<Handlers, 'popup→background:tour.start' | 'content→background:tour.progress'>;

export interface TourPorts {
  findApTab: (environment: KsefEnvironment, preferred: number | null) => Promise<number | null>;
  sendToTab: RawSendToTab;
  /** Bring the tab to the front: the user follows the steps there. */
  focusTab: (tabId: number) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
}

/** How long a tab just opened or loaded is given to answer (its content script starts after the load). */
const TOUR_START_TRIES = 40;

/**
 * Guided steps from the popup or the report viewer: the background picks the AP tab, keeps where the tour is
 * (the AP's own forms load whole pages) and starts it again in the page that follows.
 */
export function tourHandlers(ports: TourPorts): TourHandlers & { resume: (tabId: number) => Promise<void> } {
  const sendToTab = typedSendToTab(ports.sendToTab);
  const start = async (tabId: number, run: TourRun) => {
    const payload = { tour: run.tour, providerName: run.providerName, from: { step: run.step, acted: run.acted } };
    for (let i = 0; ; i++) {
      const reply = await sendToTab(tabId, 'background→content:tour', payload).catch(() => null);
      if (reply) return;
      if (i >= TOUR_START_TRIES) throw Object.assign(new Error('AP tab does not answer'), { code: 'no-ap-tab' });
      await ports.sleep(250);
    }
  };
  return {
    'popup→background:tour.start': async ({ tour, environment, tabId: preferred }) => {
      const tabId = await ports.findApTab(environment, preferred ?? null);
      if (tabId === null) throw Object.assign(new Error('no AP tab'), { code: 'no-ap-tab' });
      const run: TourRun = { tour, step: 0, acted: [], providerName: (await readSettings()).profile?.name ?? '' };
      await putTour(tabId, run);
      await ports.focusTab(tabId);
      await start(tabId, run);
      return { ok: true, tabId };
    },
    'content→background:tour.progress': async ({ tour, step, acted, finished }, { tabId }) => {
      if (tabId == null) return { ok: true };
      const before = await getTour(tabId);
      await putTour(tabId, finished || !before ? null : { ...before, tour, step, acted });
      return { ok: true };
    },
    /** A page of a tab with a tour under way has loaded: the tour goes on there. */
    async resume(tabId) {
      const run = await getTour(tabId);
      if (run) await start(tabId, run).catch(() => undefined);
    },
  };
}
