import type { PageWatch } from './page-watch';
import type { ApLocation } from '@/lib/ap/pages';
import type { CaptureStore } from '@/lib/content/capture';
import type { Transport } from '@/lib/messaging/client-core';
import type { Leftover } from '@/lib/messaging/protocol-content';
import type { TourRequest } from '@/lib/messaging/to-content';
import type { AuditDiagnostics } from '@/lib/messaging/diagnostics-format';
import type { Controller } from './audit-controller';
import type { I18n } from '../i18n';
import type { PanelTools } from './panel-tools';

/**
 * How the content script and the panel's UI bundle meet. The panel (Preact and its components) is a bundle
 * of its own, injected only where there is something to show; it registers itself under `PANEL_UI` on the
 * isolated world's `window`, which the page cannot see. Type-only imports: nothing of the UI comes along.
 */
export const PANEL_UI = Symbol.for('ksef-companion/panel-ui');

export interface PanelDrawProps {
  location: ApLocation;
  store: CaptureStore;
  controller: Controller;
  i18n: I18n;
  transport: Transport;
  /** The page's changes, which the panel's dock follows. */
  watch: PageWatch;
}

export interface PanelUi {
  /** The panel's stylesheet, for its shadow root. */
  css: string;
  draw: (container: HTMLElement, props: PanelDrawProps) => void;
  clear: (container: HTMLElement) => void;
  /** A verified disconnect's guided removal: the AP's own revoke control of each item's row in turn. */
  guide: (
    doc: Document,
    items: Leftover[],
    controller: () => Controller,
    signal: AbortSignal,
    watch: PageWatch,
  ) => Promise<{ ok: true }>;
  /** The page's audit for a diagnostic report. */
  diagnostics: (controller: Controller, location: ApLocation, skipped: number) => AuditDiagnostics;
  /**
   * What reads lists whole and finds what a disconnect left, needed only when the user (or a disconnect) asks:
   * "check all"'s paging engine and the leftovers of a read.
   */
  tools: PanelTools;
  /** Guided steps the background asked for (validated by the content script). */
  tour: (
    doc: Document,
    request: TourRequest,
    ports: { controller: () => Controller; transport: Transport; watch: PageWatch },
    signal: AbortSignal,
  ) => Promise<{ ok: true }>;
}

export function registeredPanelUi(win: Window): PanelUi | null {
  return (win as unknown as Record<symbol, PanelUi | undefined>)[PANEL_UI] ?? null;
}
