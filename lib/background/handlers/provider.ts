import { readAuthTokenRequest } from '../../ksef/auth-token-request';
import type { Handlers } from '../../messaging/router';
import { checkSignedRequest } from '../../provider/authorize';
import { readCredential, writeCredential } from '../../storage/credential';
import { readSettings, writeSettings } from '../../storage/settings';
import type { ProviderAccess } from '../provider-access';
import { authorizationViewOf } from '../views';

type ProviderHandlers = Pick<
  Handlers,
  | 'popup→background:provider.link'
  | 'popup→background:provider.unlink'
  | 'popup→background:provider.status'
  | 'popup→background:company.confirm'
  | 'popup→background:auth.start'
  | 'popup→background:auth.get'
  | 'popup→background:auth.upload'
  | 'popup→background:app.info'
>;

/** Linking the provider account, its status, and authorizing it (the signed request checked here again). */
export function providerHandlers(provider: ProviderAccess, version: string): ProviderHandlers {
  const authRequests = new Map<string, string>();
  return {
    'popup→background:provider.link': async ({ url: typed, apiKey }) => {
      // The options page checked the address; the background checks it again before the key goes anywhere.
      const url = await provider.checkAddress(typed);
      const account = await provider.clientFor(url, apiKey).account();
      await writeCredential({ apiKey });
      const settings = await readSettings();
      await writeSettings({
        ...settings,
        providerApiUrl: url,
        profile: { name: account.provider.name, nips: account.provider.nips, state: 'unknown' },
      });
      // Whose account and which companies it serves; another account's confirmations do not carry over.
      await provider.keepAccount(account);
      provider.forget();
      return {
        account: { name: account.name, providerName: account.provider.name, providerNips: account.provider.nips },
      };
    },
    'popup→background:provider.unlink': async () => {
      await writeCredential(null);
      await writeSettings({ ...(await readSettings()), providerApiUrl: null, account: null });
      provider.forget();
      return { ok: true };
    },
    'popup→background:provider.status': ({ environment, contextNip }) =>
      provider.providerStatus(environment, contextNip),
    'popup→background:company.confirm': async ({ contextNip }) => {
      await provider.confirmCompany(contextNip);
      return { ok: true };
    },
    'popup→background:auth.start': async ({ environment, contextNip }) => {
      const client = await provider.forCompany(contextNip);
      const a = await client.startAuthorization(environment, contextNip);
      authRequests.set(a.id, a.authTokenRequest ?? '');
      return { authorization: authorizationViewOf(a) };
    },
    'popup→background:auth.get': async ({ environment, contextNip, id }) => {
      const a = await (await provider.forCompany(contextNip)).authorization(environment, contextNip, id);
      if (a.state === 'completed') provider.forget();
      return { authorization: authorizationViewOf(a) };
    },
    'popup→background:auth.upload': async ({ environment, contextNip, id, xml }) => {
      const client = await provider.forCompany(contextNip);
      // The page checked the file; the background checks it again against the request it was given.
      const unsigned =
        authRequests.get(id) ?? (await client.authorization(environment, contextNip, id)).authTokenRequest;
      const expected = unsigned ? readAuthTokenRequest(unsigned) : null;
      if (!expected?.ok) throw Object.assign(new Error('no request to compare with'), { code: 'conflict' });
      const check = checkSignedRequest(expected.request, xml);
      if (!check.ok) throw Object.assign(new Error(check.text.en), { code: 'signed-request-invalid' });
      return { authorization: authorizationViewOf(await client.uploadSigned(environment, contextNip, id, xml)) };
    },
    'popup→background:app.info': async () => ({
      version,
      providerConfigured: (await readSettings()).providerApiUrl !== null && (await readCredential()) !== null,
    }),
  };
}
