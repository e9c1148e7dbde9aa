import { options, render } from 'preact';
import type { PanelView as View } from '@/lib/content/panel-bundle';
import { I18nProvider } from './i18n';
import { Panel } from './Panel';
import panelCss from './panel.css?inline';

/**
 * The panel drawn with Preact into its shadow root. Re-renders run in a task of their own rather than right after
 * the audit that caused them, so neither makes the page wait long (long-task budget); this Preact instance serves
 * only the panel.
 */
export function panelView(): View {
  options.debounceRendering = (rerender) => void setTimeout(rerender, 0);
  return {
    css: panelCss,
    draw(container, { location, store, controller, i18n, save, steps, dock }) {
      render(
        <I18nProvider value={i18n}>
          <Panel
            location={location}
            captures={store}
            controller={controller}
            download={save}
            steps={steps}
            dock={dock}
          />
        </I18nProvider>,
        container,
      );
    },
    clear(container) {
      render(null, container);
    },
  };
}
