import { ENVIRONMENT_HOSTS, ENVIRONMENTS, type KsefEnvironment } from '../ksef/environments';

export { AP_MATCHES } from './bridge';

/**
 * Which AP page a URL is (docs/architecture.md §8, habit 2). Pure functions of the URL, each with the example URLs it must
 * accept (`AP_PAGE_EXAMPLES`, apart so that the AP tab's script does not carry them); every predicate is tested
 * against its own examples and against all the others' as negatives. A hint only: a page is a list when it shows
 * one (`lists.ts`), whatever its URL.
 * Routes as seen in public material (docs/ap.md "Shell and routes"), 2026-03; the rest are our replica's routes.
 */
export type ApPageKind = 'permissions' | 'tokens' | 'certificates' | 'home' | 'login';

export interface ApPage {
  kind: ApPageKind;
  test: (path: string) => boolean;
}

const route = (re: RegExp) => (path: string) => re.test(path);

export const AP_PAGES: readonly ApPage[] = [
  {
    kind: 'permissions',
    test: route(/^\/web\/(permissions|uprawnienia)(\/(manage|list|zarzadzaj)?)?\/?$/),
  },
  {
    kind: 'tokens',
    // `/web/tokens/token-list`: the TEST AP as a developer's notes show it (docs/ap.md, 2026-01-06).
    test: route(/^\/web\/tokens(\/(list|token-list)?)?\/?$/),
  },
  {
    kind: 'certificates',
    test: route(/^\/web\/certificates(\/(list)?)?\/?$/),
  },
  {
    kind: 'home',
    test: route(/^\/web\/(home\/?)?$/),
  },
  {
    kind: 'login',
    test: route(/^\/web\/login\/?$/),
  },
];

/** The URLs each predicate must accept (and every other must refuse). */
export const AP_PAGE_EXAMPLES: Readonly<Record<ApPageKind, readonly string[]>> = {
  permissions: [
    'https://ap-demo.ksef.mf.gov.pl/web/permissions',
    'https://ap.ksef.mf.gov.pl/web/permissions/manage',
    'https://ap-test.ksef.mf.gov.pl/web/uprawnienia/zarzadzaj',
  ],
  tokens: [
    'https://ap-demo.ksef.mf.gov.pl/web/tokens',
    'https://ap.ksef.mf.gov.pl/web/tokens/list',
    'https://ap-test.ksef.mf.gov.pl/web/tokens/token-list',
  ],
  certificates: [
    'https://ap-demo.ksef.mf.gov.pl/web/certificates',
    'https://ap-test.ksef.mf.gov.pl/web/certificates/list',
  ],
  home: ['https://ap.ksef.mf.gov.pl/web/', 'https://ap-demo.ksef.mf.gov.pl/web/home'],
  login: ['https://ap-test.ksef.mf.gov.pl/web/login'],
};

export interface ApLocation {
  environment: KsefEnvironment;
  page: ApPageKind | 'other';
}

/** Environment and page of an AP URL, or null when the URL is not the current AP. */
export function apLocation(url: string): ApLocation | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const environment = ENVIRONMENTS.find((env) => ENVIRONMENT_HOSTS[env].ap === parsed.hostname);
  if (parsed.protocol !== 'https:' || !environment || !parsed.pathname.startsWith('/web/')) return null;
  const page = AP_PAGES.find((p) => p.test(parsed.pathname));
  return { environment, page: page ? page.kind : 'other' };
}

export function isApUrl(url: string): boolean {
  return apLocation(url) !== null;
}
