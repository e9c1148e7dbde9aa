import { render } from 'preact';
import { browser } from 'wxt/browser';
import { pagesPlatform } from '@/lib/pages/platform';
import { download } from '@/lib/dom/save-file';
import { extensionI18n } from '@/lib/pages/i18n';
import { I18nProvider } from '@/components/i18n';
import { ReportViewer, type ViewerConnector } from '@/components/ReportViewer';
import { send } from '@/lib/messaging/client';
import '@/components/page.css';

/** The report viewer page: opens a diagnostic report file without any AP session (support staff). */
const { transport } = pagesPlatform(browser);
const connector: ViewerConnector = {
  tourStart: async (tour, environment) => {
    await send(transport, 'popup→background:tour.start', { tour, environment });
  },
  download,
};
const i18n = extensionI18n();
document.documentElement.lang = i18n.lang;
document.title = i18n.t('viewerTitle');
render(
  <I18nProvider value={i18n}>
    <ReportViewer connector={connector} />
  </I18nProvider>,
  document.getElementById('app')!,
);
