import type { KsefEnvironment } from '../ksef/environments';
import { createProviderClient, type ProviderClient } from '../provider/client';
import type { IntegrationStatus } from '../provider/schemas';
import { readCredential } from '../storage/credential';
import { readSettings } from '../storage/settings';
import { statusView } from './views';
import { checkProviderUrl } from '../provider/origin';

/** How long a provider status is reused for the audit's profile (the popup always asks afresh). */
export const STATUS_TTL_MS = 30_000;

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
  const statuses = new Map<string, { at: number; status: IntegrationStatus }>();
  const statusOf = async (client: ProviderClient, env: KsefEnvironment, nip: string, fresh: boolean) => {
    const key = `${env}:${nip}`;
    const cached = statuses.get(key);
    if (!fresh && cached && ports.now() - cached.at < STATUS_TTL_MS) return cached.status;
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
      if (!client) return { linked: false, status: null, error: null };
      return {
        linked: true,
        status: statusView(await statusOf(client, environment, contextNip, true), name),
        error: null,
      };
    } catch (e) {
      return { linked: true, status: null, error: (e as { code?: string }).code ?? 'network' };
    }
  };
  return {
    clientFor,
    checkAddress,
    linked,
    needLinked,
    statusOf,
    providerStatus,
    /** The provider's word has changed (a job, an authorization, a new link): ask it again next time. */
    forget: () => statuses.clear(),
  };
}
export type ProviderAccess = ReturnType<typeof providerAccess>;
