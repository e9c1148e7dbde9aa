import { send } from '../messaging/client';
import type { Transport } from '../messaging/client-core';
import type { PopupConnector, SupportConnector } from '../../components/connectors';

/*
 * The popup's connectors over the extension's messaging: what its components ask for, as typed messages to the
 * background (the entrypoint passes the transport and the AP tab the popup reports on).
 */

/** The popup's jobs connector over the extension's messaging; `tabId` is the AP tab a new job starts from. */
export function jobsConnector(transport: Transport, tabId: () => number | null): PopupConnector['jobs'] {
  return {
    list: async () => (await send(transport, 'popup→background:job.list', {})).jobs,
    start: async (environment, contextNip) =>
      (await send(transport, 'popup→background:job.start', { environment, contextNip, tabId: tabId() })).job,
    confirm: async (id) => (await send(transport, 'popup→background:job.confirm', { id })).job,
    cancel: async (id) => (await send(transport, 'popup→background:job.cancel', { id })).job,
  };
}

/** The support connector over the extension's messaging (the popup's entrypoint passes its transport). */
export function supportConnector(
  transport: Transport,
  tabId: () => number | null,
  openViewer: () => void,
  download: SupportConnector['download'],
): SupportConnector {
  return {
    certificates: (check) => send(transport, 'popup→background:certificates.list', { check }),
    report: (includeIdentifiers) =>
      send(transport, 'popup→background:report.build', { includeIdentifiers, tabId: tabId() }),
    tourStart: async (tour, environment) => {
      await send(transport, 'popup→background:tour.start', { tour, environment, tabId: tabId() });
    },
    openViewer,
    download,
  };
}
