import type { World } from './state';
import { badRequest, type Reply } from './reply';
import type { TokenClaims } from './tokens-jwt';

/** One request as a twin handler sees it. `claims` is set once a bearer token has been verified. */
export interface Call {
  world: World;
  now: number;
  method: string;
  /** Path under the API base, e.g. `/permissions/query/persons/grants`. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  rawBody: string;
  clientIp: string;
  /** The caller asked for RFC-7807 errors (`X-Error-Format: problem-details`). */
  problem: boolean;
  bearer: string | null;
  claims: TokenClaims | null;
}

export const iso = (at: number): string => new Date(at).toISOString();

/** `pageOffset` is the page number and `pageSize` the page length (docs/ksef.md §2, spec "Numer strony"). */
export function paging(call: Call, min: number, max: number): { offset: number; size: number } | string {
  const rawOffset = call.query.get('pageOffset');
  const rawSize = call.query.get('pageSize');
  const offset = rawOffset === null ? 0 : Number(rawOffset);
  const size = rawSize === null ? min : Number(rawSize);
  if (!Number.isInteger(offset) || offset < 0) return `pageOffset: ${rawOffset}`;
  if (!Number.isInteger(size) || size < min || size > max) return `pageSize: ${rawSize} (${min}–${max})`;
  return { offset, size };
}

/**
 * Continuation-token paging for `/tokens` and `/auth/sessions` (the token is an opaque cursor), or why it is
 * refused: 21405 for a `pageSize` outside 10–100, 21418 for a malformed token.
 */
export function continuation(call: Call): { start: number; size: number } | { code: 21405 | 21418; detail: string } {
  const rawSize = call.query.get('pageSize');
  const size = rawSize === null ? 10 : Number(rawSize);
  if (!Number.isInteger(size) || size < 10 || size > 100)
    return { code: 21405, detail: `pageSize: ${rawSize} (10–100)` };
  const token = call.headers.get('x-continuation-token');
  if (!token) return { start: 0, size };
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { s?: unknown };
    if (typeof parsed.s !== 'number' || parsed.s < 0) return { code: 21418, detail: 'x-continuation-token' };
    return { start: parsed.s, size };
  } catch {
    return { code: 21418, detail: 'x-continuation-token' };
  }
}

export const nextToken = (start: number): string => Buffer.from(JSON.stringify({ s: start })).toString('base64');

export const pagingRefused = (call: Call, why: { code: number; detail: string }): Reply =>
  badRequest(
    call.now,
    call.problem,
    why.code,
    why.code === 21418 ? 'Nieprawidłowy token kontynuacji.' : 'Błąd walidacji danych wejściowych.',
    [why.detail],
  );
