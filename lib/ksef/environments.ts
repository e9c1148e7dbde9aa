import { AP_MATCHES, API_HOSTS, QR_HOSTS } from './hosts';

/** The host of an AP match pattern (`https://host/web/*`). */
const hostOf = (pattern: string | undefined) => /^https:\/\/([^/]+)\//.exec(pattern ?? '')?.[1] ?? '';

/**
 * KSeF 2.0 environments and their hosts (docs/ksef.md §1). Tokens, certificates and grants never cross
 * environments, so every record we keep is tagged with one of these.
 */
export const ENVIRONMENTS = ['TEST', 'DEMO', 'PRD'] as const;
export type KsefEnvironment = (typeof ENVIRONMENTS)[number];

export interface EnvironmentHosts {
  /** Taxpayer application (Aplikacja Podatnika). */
  ap: string;
  /** Public API host; the API base is `https://{api}/v2`. */
  api: string;
  qr: string;
}

export const ENVIRONMENT_HOSTS: Readonly<Record<KsefEnvironment, EnvironmentHosts>> = {
  TEST: { ap: hostOf(AP_MATCHES[2]), api: API_HOSTS.TEST, qr: QR_HOSTS.TEST },
  DEMO: { ap: hostOf(AP_MATCHES[1]), api: API_HOSTS.DEMO, qr: QR_HOSTS.DEMO },
  PRD: { ap: hostOf(AP_MATCHES[0]), api: API_HOSTS.PRD, qr: QR_HOSTS.PRD },
};

/** Names of the environments, for pages that explain them (kept apart from the hosts: the content script needs only those). */
export const ENVIRONMENT_LABELS: Readonly<Record<KsefEnvironment, { pl: string; en: string }>> = {
  TEST: { pl: 'Środowisko testowe', en: 'Test environment' },
  DEMO: { pl: 'Środowisko przedprodukcyjne (demo)', en: 'Pre-production environment (demo)' },
  PRD: { pl: 'Środowisko produkcyjne', en: 'Production environment' },
};

export const AP_BASE_PATH = '/web/';
export const API_BASE_PATH = '/v2';

export function apBaseUrl(env: KsefEnvironment): string {
  return `https://${ENVIRONMENT_HOSTS[env].ap}${AP_BASE_PATH}`;
}

export function apiBaseUrl(env: KsefEnvironment): string {
  return `https://${ENVIRONMENT_HOSTS[env].api}${API_BASE_PATH}`;
}

export type HostKind = 'ap' | 'api' | 'qr';

export interface DeprecatedHost {
  host: string;
  environment: KsefEnvironment;
  what: string;
  until: string;
}

/**
 * Hosts that served KSeF before the 2.0 hosts (docs/ksef.md §1.2). Recognised so that an old bookmark or a
 * support report can be explained; the extension never calls them.
 */
export const DEPRECATED_HOSTS: readonly DeprecatedHost[] = [
  { host: 'ksef-demo.mf.gov.pl', environment: 'DEMO', what: 'KSeF 1.0 and 2.0 RC API, AP 1.0', until: '2026-01-17' },
  { host: 'ksef-test.mf.gov.pl', environment: 'TEST', what: 'KSeF 1.0 and 2.0 RC API, AP 1.0', until: '2026-01-17' },
  { host: 'ksef.mf.gov.pl', environment: 'PRD', what: 'KSeF 1.0 and 2.0 RC API, AP 1.0', until: '2026-01-17' },
  { host: 'mcu.mf.gov.pl', environment: 'PRD', what: 'Moduł Certyfikatów i Uprawnień (MCU)', until: '2026-01-25' },
  { host: 'web2te-ksef.mf.gov.pl', environment: 'TEST', what: 'AP 2.0 test preview', until: '2026-01-31' },
  // docs/ap.md "Hosts": the AP 2.0 on DEMO in December 2025, seen in public notes (read 2026-11-30).
  { host: 'web2tr-ksef.mf.gov.pl', environment: 'DEMO', what: 'AP 2.0 demo preview', until: '2025-12-31' },
];

export type HostInfo =
  | { environment: KsefEnvironment; kind: HostKind; deprecated: false }
  | { environment: KsefEnvironment; deprecated: true; what: string };

export function classifyHost(hostname: string): HostInfo | null {
  const host = hostname.trim().toLowerCase().replace(/\.$/, '');
  for (const env of ENVIRONMENTS) {
    const hosts = ENVIRONMENT_HOSTS[env];
    for (const kind of ['ap', 'api', 'qr'] as const) {
      if (hosts[kind] === host) return { environment: env, kind, deprecated: false };
    }
  }
  const old = DEPRECATED_HOSTS.find((d) => d.host === host);
  return old ? { environment: old.environment, deprecated: true, what: old.what } : null;
}

/** Environment of a current (not deprecated) AP or API URL; null for anything else. */
export function environmentOfUrl(url: string): KsefEnvironment | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  const info = classifyHost(parsed.hostname);
  return info && !info.deprecated ? info.environment : null;
}
