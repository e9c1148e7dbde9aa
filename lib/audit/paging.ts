import type { RecordKind } from '../ksef/endpoints';

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

/**
 * How a list pages, as the page's own request shows it: the query parameter that says where (`index`, counting
 * pages or records) and the one that says how many (`size`).
 */
export interface PagingParams {
  index: string;
  size: string;
  unit: 'page' | 'record';
}

/** KSeF's own paging (docs/ksef.md): `pageOffset` counts pages from 0, `pageSize` up to 100. */
export const KSEF_PAGING: PagingParams = { index: 'pageOffset', size: 'pageSize', unit: 'page' };

const PAIRS: readonly (PagingParams & { zeroSeen?: true })[] = [
  KSEF_PAGING,
  { index: 'offset', size: 'limit', unit: 'record' },
  { index: 'offset', size: 'size', unit: 'record' },
  { index: 'pageIndex', size: 'pageSize', unit: 'page' },
  // Zero- or one-based: taken only once a request shows page 0 (a one-based list would lose its first page).
  { index: 'page', size: 'size', unit: 'page', zeroSeen: true },
  { index: 'pageNumber', size: 'pageSize', unit: 'page', zeroSeen: true },
];

/** The paging the page's own request uses, or null when its query shows none we can replay without guessing. */
export function pagingParamsOf(url: string): PagingParams | null {
  let params: URLSearchParams;
  try {
    params = new URL(url, 'https://invalid.example').searchParams;
  } catch {
    return null;
  }
  for (const { zeroSeen, ...pair } of PAIRS) {
    const index = params.get(pair.index);
    if (index === null || !params.has(pair.size) || !/^\d{1,9}$/.test(index)) continue;
    if (zeroSeen && index !== '0') continue;
    return pair;
  }
  return null;
}

/** The query that asks for page `page` (from 0) of `size` records. */
export function pageQuery(p: PagingParams, page: number, size: number): Record<string, string> {
  return { [p.index]: String(p.unit === 'page' ? page : page * size), [p.size]: String(size) };
}

/** A list "check all" pages through. */
export interface Target {
  kind: RecordKind;
  path: string;
  paging: 'offset' | 'continuation';
  /** The query parameters the page's own request pages with (KSeF's `pageOffset`/`pageSize` unless learned). */
  params?: PagingParams;
}

/**
 * A list to page through, as the page's own request for it shows: its path, and how it pages (kept once learned
 * from an earlier request, since a later one may not say).
 */
export function targetOf(kind: RecordKind, url: string, before?: Target): Target {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    /* keep the URL as it came */
  }
  const params = pagingParamsOf(url) ?? before?.params;
  return { kind, path, paging: kind === 'tokens' ? 'continuation' : 'offset', ...(params ? { params } : {}) };
}
