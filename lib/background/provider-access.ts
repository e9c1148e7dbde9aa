import type { KsefEnvironment } from '../ksef/environments';
import { createProviderClient, type ProviderClient } from '../provider/client';
import type { IntegrationStatus, ProviderAccount } from '../provider/schemas';
import { readCredential } from '../storage/credential';
import { MAX_CONFIRMED, readSettings, writeSettings, type AccountSetting } from '../storage/settings';
import { statusView } from './views';
import { checkProviderUrl } from '../provider/origin';

/** How long a provider status is reused for the audit's profile (the popup always asks afresh). */
export const STATUS_TTL_MS = 30_000;
/** A company not on the account's list sends the extension to ask the provider again, at most this often. */
export const ACCOUNT_TTL_MS = 60_000;

/** The company a provider call is for: named by the account, or confirmed by the user for this account. */
export interface CompanyAllowed {
  nip: string;
  /** Its name as the account lists it; null for a company only the user confirmed. */
  name: string | null;
  how: 'account' | 'user';
}

/** What of a status the audit judges by: its state, the NIPs that act, the scopes expected. */
const verdictOf = (s: IntegrationStatus) => JSON.stringify([s.state, s.actingNips, s.expectedScopes]);

/**
 * The linked provider as every handler reaches it: its client (address and key from storage, never from a
 * message), its status per company cached briefly, and the status as the popup shows it.
 */
export function providerAccess(ports: {
  now: () => number;
  fetch?: typeof fetch;
  /** Plain HTTP to this machine (the e2e and demo builds only); the store build sends the key over HTTPS only. */
  allowLoopbackHttp?: boolean;
  /** Whether the browser has granted the extension this origin (a match pattern); checked before every call. */
  originGranted?: (pattern: string) => Promise<boolean>;
  /** The provider's word on a company differs from what was last heard (AP tabs judged by the old one). */
  onChange?: (environment: KsefEnvironment, contextNip: string) => void;
}) {
  const clientFor = (baseUrl: string, apiKey: string): ProviderClient =>
    createProviderClient({ baseUrl, apiKey, fetch: ports.fetch, now: ports.now });
  /**
   * The address the key may go to: HTTPS (loopback HTTP in the test and demo builds) and an origin the browser
   * granted. Refused with a coded error; nothing is sent.
   */
  const checkAddress = async (url: string) => {
    const check = checkProviderUrl(url, { allowLoopbackHttp: ports.allowLoopbackHttp ?? false });
    if (!check.ok) throw Object.assign(new Error('provider address refused'), { code: 'insecure-address' });
    if (ports.originGranted && !(await ports.originGranted(check.pattern)))
      throw Object.assign(new Error('provider origin not granted'), { code: 'origin-not-granted' });
    return check.url;
  };
  /** The linked provider's client, or null when no account is linked; its address is checked before each use. */
  const linked = async (): Promise<ProviderClient | null> => {
    const [settings, credential] = await Promise.all([readSettings(), readCredential()]);
    if (!settings.providerApiUrl || !credential) return null;
    return clientFor(await checkAddress(settings.providerApiUrl), credential.apiKey);
  };
  const needLinked = async () => {
    const client = await linked();
    if (!client) throw Object.assign(new Error('provider not linked'), { code: 'not-configured' });
    return client;
  };
  /** The linked account as kept, or (none kept, or `again`) as the provider says now; the user's confirmations stay. */
  const accountOf = async (client: ProviderClient, again: boolean): Promise<AccountSetting> => {
    const kept = (await readSettings()).account;
    if (kept && !again) return kept;
    return keepAccount(await client.account());
  };
  /** Keep what the provider says of the account; the user's confirmations stay only for the same account. */
  const keepAccount = async (a: ProviderAccount): Promise<AccountSetting> => {
    const kept = (await readSettings()).account;
    const account: AccountSetting = {
      id: a.accountId,
      name: a.name,
      companies: a.companies?.map(({ nip, name }) => ({ nip, name })) ?? null,
      readAt: ports.now(),
      confirmed: kept?.id === a.accountId ? kept.confirmed : [],
    };
    await writeSettings({ ...(await readSettings()), account });
    return account;
  };
  /**
   * Whether the provider may be called for this company (docs/architecture.md §6): the account lists it, or the
   * user confirmed it for this account. A page can name any NIP; only these two make it one the provider hears of.
   */
  const companyAllowed = async (client: ProviderClient, nip: string): Promise<CompanyAllowed | null> => {
    const find = (a: AccountSetting) => a.companies?.find((c) => c.nip === nip);
    let account = await accountOf(client, false);
    if (!find(account) && !account.confirmed.includes(nip) && ports.now() - account.readAt > ACCOUNT_TTL_MS)
      account = await accountOf(client, true);
    const listed = find(account);
    if (listed) return { nip, name: listed.name, how: 'account' };
    return account.confirmed.includes(nip) ? { nip, name: null, how: 'user' } : null;
  };
  const needCompany = async (client: ProviderClient, nip: string) => {
    const allowed = await companyAllowed(client, nip);
    if (!allowed) throw Object.assign(new Error('company not confirmed'), { code: 'company-not-confirmed' });
    return allowed;
  };
  /** The user says this account serves this company (the popup showed its NIP and where it was learned). */
  const confirmCompany = async (nip: string) => {
    const client = await needLinked();
    const account = await accountOf(client, false);
    const confirmed = [...account.confirmed.filter((n) => n !== nip), nip].slice(-MAX_CONFIRMED);
    await writeSettings({ ...(await readSettings()), account: { ...account, confirmed } });
    statuses.clear();
  };
  /** The linked client for calls about this company, once it is allowed. */
  const forCompany = async (nip: string) => {
    const client = await needLinked();
    await needCompany(client, nip);
    return client;
  };
  const statuses = new Map<string, { at: number; status: IntegrationStatus }>();
  const statusOf = async (client: ProviderClient, env: KsefEnvironment, nip: string, fresh: boolean) => {
    const key = `${env}:${nip}`;
    const cached = statuses.get(key);
    if (!fresh && cached && ports.now() - cached.at < STATUS_TTL_MS) return cached.status;
    await needCompany(client, nip);
    const status = await client.status(env, nip);
    statuses.set(key, { at: ports.now(), status });
    if (cached && verdictOf(cached.status) !== verdictOf(status)) ports.onChange?.(env, nip);
    return status;
  };
  /** The provider's word on a company as the popup shows it (asked afresh), or why there is none. */
  const providerStatus = async (environment: KsefEnvironment, contextNip: string) => {
    const name = (await readSettings()).profile?.name ?? '';
    try {
      const client = await linked();
      if (!client) return { linked: false, status: null, error: null, company: null, account: null };
      const company = await companyAllowed(client, contextNip);
      const account = (await readSettings()).account?.name ?? null;
      if (!company) return { linked: true, status: null, error: 'company-not-confirmed', company, account };
      return {
        linked: true,
        status: statusView(await statusOf(client, environment, contextNip, true), name),
        error: null,
        company,
        account,
      };
    } catch (e) {
      return {
        linked: true,
        status: null,
        error: (e as { code?: string }).code ?? 'network',
        company: null,
        account: null,
      };
    }
  };
  return {
    clientFor,
    checkAddress,
    linked,
    needLinked,
    statusOf,
    providerStatus,
    keepAccount,
    companyAllowed,
    confirmCompany,
    forCompany,
    /** The provider's word has changed (a job, an authorization, a new link): ask it again next time. */
    forget: () => statuses.clear(),
  };
}
export type ProviderAccess = ReturnType<typeof providerAccess>;
