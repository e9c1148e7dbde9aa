import type { RecordKind } from '../ksef/endpoints';

/**
 * Where a captured response sits in its list, read from the request's own query string or the top level of its
 * JSON body (docs/architecture.md §4a): only what the request states. KSeF pages with `pageOffset` from 0
 * (docs/ksef.md); other names are those common APIs use. A one-based `page=1` cannot be told from a zero-based
 * second page, so it proves nothing.
 */
const ZERO_BASED = ['pageOffset', 'offset', 'pageIndex'] as const;
const EITHER = ['page', 'pageNumber'] as const;

/** The fields a request states: its query string, then the top level of its JSON body. */
type Fields = { where?: 'body'; get: (name: string) => string | null };
function fieldsOf(url: string | URL, body?: string): Fields[] {
  const out: Fields[] = [];
  try {
    const q = (url instanceof URL ? url : new URL(url, 'https://invalid.example')).searchParams;
    out.push({ get: (n) => q.get(n) });
  } catch {
    /* no query to read */
  }
  try {
    const b = body && body.length < 10_000 ? (JSON.parse(body) as Record<string, unknown>) : null;
    if (b && typeof b === 'object')
      out.push({ where: 'body', get: (n) => (typeof b[n] === 'number' ? String(b[n]) : null) });
  } catch {
    /* not JSON: no paging there */
  }
  return out;
}

/** True when the request asked for the list's first page, false when for another, null when it does not say. */
export function isFirstPage(url: string | URL, body?: string): boolean | null {
  for (const { get } of fieldsOf(url, body)) {
    for (const name of ZERO_BASED) {
      const v = get(name);
      if (v !== null && /^\d{1,9}$/.test(v)) return Number(v) === 0;
    }
    for (const name of EITHER) {
      const v = get(name);
      if (v !== null && /^\d{1,9}$/.test(v)) return Number(v) === 0 ? true : Number(v) >= 2 ? false : null;
    }
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
  /** Where the fields go: the query string unless the page's request put them in its JSON body. */
  where?: 'body';
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

/** The paging the page's own request uses, or null when it shows none we can replay without guessing. */
export function pagingParamsOf(url: string, body?: string): PagingParams | null {
  for (const { where, get } of fieldsOf(url, body))
    for (const { zeroSeen, ...pair } of PAIRS) {
      const index = get(pair.index);
      if (index === null || get(pair.size) === null || !/^\d{1,9}$/.test(index)) continue;
      if (zeroSeen && index !== '0') continue;
      return where ? { ...pair, where } : pair;
    }
  return null;
}

/** What to ask for page `page` (from 0) of `size` records: query parameters, or fields of the JSON body. */
export function pageAsk(
  p: PagingParams,
  page: number,
  size: number,
): { query: Record<string, string> } | { body: Record<string, number> } {
  const fields = { [p.index]: p.unit === 'page' ? page : page * size, [p.size]: size };
  return p.where === 'body'
    ? { body: fields }
    : { query: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])) };
}

/** A list "check all" pages through. */
export interface Target {
  kind: RecordKind;
  path: string;
  paging: 'offset' | 'continuation';
  /** The fields the page's own request pages with (KSeF's `pageOffset`/`pageSize` in the query unless learned). */
  params?: PagingParams;
}

/**
 * A list to page through, as the page's own request for it shows: its path, and how it pages (kept once learned
 * from an earlier request, since a later one may not say).
 */
export function targetOf(kind: RecordKind, url: string, before?: Target, body?: string): Target {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    /* keep the URL as it came */
  }
  const params = pagingParamsOf(url, body) ?? before?.params;
  return { kind, path, paging: kind === 'tokens' ? 'continuation' : 'offset', ...(params ? { params } : {}) };
}
