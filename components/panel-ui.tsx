import { options, render } from 'preact';
import { I18nProvider } from './i18n';
import { download } from './download';
import { Panel } from './Panel';
import panelCss from './panel.css?inline';
import { PANEL_UI, type PanelUi } from './panel-api';

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
