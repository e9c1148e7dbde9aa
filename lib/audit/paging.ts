/**
 * Where a captured response sits in its list, read from the request's own query string (docs/architecture.md
 * §4a): only what the URL states. KSeF pages with `pageOffset` from 0 (docs/ksef.md); other names are those common
 * APIs use. A one-based `page=1` cannot be told from a zero-based second page, so it proves nothing.
 */
const ZERO_BASED = ['pageOffset', 'offset', 'pageIndex'] as const;
const EITHER = ['page', 'pageNumber'] as const;

/** True when the request asked for the list's first page, false when for another, null when the URL does not say. */
export function isFirstPage(url: string): boolean | null {
  let params: URLSearchParams;
  try {
    params = new URL(url, 'https://invalid.example').searchParams;
  } catch {
    return null;
  }
  for (const name of ZERO_BASED) {
    const v = params.get(name);
    if (v !== null && /^\d{1,9}$/.test(v)) return Number(v) === 0;
  }
  for (const name of EITHER) {
    const v = params.get(name);
    if (v !== null && /^\d{1,9}$/.test(v)) return Number(v) === 0 ? true : Number(v) >= 2 ? false : null;
  }
  return null;
}
