import { NIP_DIGITS } from '@/lib/ksef/hosts';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { pagesPlatform } from '@/lib/pages/platform';
import { Authorize, type AuthorizeConnector } from '@/components/Authorize';
import { download } from '@/lib/dom/save-file';
import { extensionI18n } from '@/lib/pages/i18n';
import { I18nProvider } from '@/components/i18n';
import { send } from '@/lib/messaging/client';
import { environment as environmentSchema } from '@/lib/messaging/protocol';
import '@/components/page.css';

const { transport } = pagesPlatform(browser);
const query = new URLSearchParams(window.location.search);
const env = environmentSchema.safeParse(query.get('env'));
const nip = query.get('nip') ?? '';
const i18n = extensionI18n();
document.documentElement.lang = i18n.lang;
const app = document.getElementById('app')!;
const ok = env.success && NIP_DIGITS.test(nip);
const environment = env.success ? env.data : 'DEMO';
const connector: AuthorizeConnector = {
  start: async () =>
    (await send(transport, 'popup→background:auth.start', { environment, contextNip: nip })).authorization,
  get: async (id) =>
    (await send(transport, 'popup→background:auth.get', { environment, contextNip: nip, id })).authorization,
  upload: async (id, xml) =>
    (await send(transport, 'popup→background:auth.upload', { environment, contextNip: nip, id, xml })).authorization,
  download,
};
render(
  <I18nProvider value={i18n}>
    {ok ? (
      <Authorize environment={environment} contextNip={nip} connector={connector} />
    ) : (
      <p>{i18n.t('authBadLink')}</p>
    )}
  </I18nProvider>,
  app,
);
