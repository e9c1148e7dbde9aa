import type * as z from 'zod/mini';
import type { KsefEnvironment } from '../ksef/environments';
import { isProviderErrorCode, ProviderError } from './errors';
import {
  account,
  authorization,
  integrationStatus,
  providerErrorBody,
  revocation,
  type Authorization,
  type IntegrationStatus,
  type ProviderAccount,
  type Revocation,
} from './schemas';

/**
 * The provider API client (docs/provider-api.md), used only by the background. Every answer is validated;
 * timeouts, 5xx and 429 are retried with back-off and jitter (honouring `Retry-After`); a revocation carries
 * the caller's `Idempotency-Key`, the same on every retry, so a lost answer never starts a second one. The
 * API key goes only into the `Authorization` header of requests to the provider's own origin.
 */
export interface ProviderClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each wait, so the caller can show it ("retrying in 4 s"). */
  onRetry?: (info: { attempt: number; waitMs: number; code: string }) => void;
}

export const DEFAULTS = { timeoutMs: 15_000, attempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 } as const;
/** Longest `Retry-After` we wait for within one call; beyond it the error goes to the caller. */
export const MAX_RETRY_AFTER_MS = 120_000;

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!HTTP_DATE.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Full jitter: a random wait up to the exponential step (attempt 1 → base, 2 → 2×base, …), capped. */
export function backoffMs(attempt: number, base: number, max: number, random: () => number): number {
  return Math.round(random() * Math.min(max, base * 2 ** (attempt - 1)));
}

export type ProviderClient = ReturnType<typeof createProviderClient>;

/** The largest provider answer read (a status, an account, a revocation are a few kB). */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * The answer's JSON, read as a stream and cut at `max` bytes: a larger one is refused (`answer-too-large`)
 * without being read whole. Anything that is not JSON reads as null.
 */
export async function readCapped(res: Response, max: number): Promise<unknown> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new ProviderError('answer-too-large', res.status);
  }
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new ProviderError('answer-too-large', res.status);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

export function createProviderClient(opts: ProviderClientOptions) {
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const attempts = opts.attempts ?? DEFAULTS.attempts;
  const base = opts.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelay = opts.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const root = opts.baseUrl.replace(/\/+$/, '');

  async function call<S extends z.ZodMiniType>(
    method: string,
    path: string,
    schema: S,
    extra: { body?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<z.infer<S>> {
    for (let attempt = 1; ; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let res: Response;
      try {
        res = await doFetch(`${root}${path}`, {
          method,
          headers: {
            Accept: 'application/json',
            Authorization: `Bearer ${opts.apiKey}`,
            ...(extra.contentType ? { 'Content-Type': extra.contentType } : {}),
            ...extra.headers,
          },
          body: extra.body,
          signal: controller.signal,
          credentials: 'omit',
          redirect: 'error',
        });
      } catch {
        clearTimeout(timer);
        const code = controller.signal.aborted ? 'timeout' : 'network';
        if (attempt >= attempts) throw new ProviderError(code, null, true);
        const waitMs = backoffMs(attempt, base, maxDelay, random);
        opts.onRetry?.({ attempt, waitMs, code });
        await sleep(waitMs);
        continue;
      }
      const body = await readCapped(res, MAX_ANSWER_BYTES).catch((e: unknown) => {
        clearTimeout(timer);
        throw e;
      });
      clearTimeout(timer);
      if (res.ok) {
        const parsed = schema.safeParse(body);
        if (!parsed.success) throw new ProviderError('bad-response', res.status);
        return parsed.data as z.infer<S>;
      }
      const err = providerErrorBody.safeParse(body);
      const given = err.success ? err.data.error.code : '';
      const code = isProviderErrorCode(given)
        ? given
        : res.status === 429
          ? 'rate-limited'
          : res.status >= 500
            ? 'unavailable'
            : 'bad-response';
      const retryable = res.status === 429 || res.status >= 500;
      if (!retryable || attempt >= attempts) throw new ProviderError(code, res.status, retryable);
      const asked = retryAfterMs(res.headers.get('retry-after'), now());
      if (asked !== null && asked > MAX_RETRY_AFTER_MS) throw new ProviderError(code, res.status, true);
      const waitMs = asked ?? backoffMs(attempt, base, maxDelay, random);
      opts.onRetry?.({ attempt, waitMs, code });
      await sleep(waitMs);
    }
  }

  const integration = (env: KsefEnvironment, nip: string) => `/v1/integrations/${env}/${nip}`;
  return {
    account: (): Promise<ProviderAccount> => call('GET', '/v1/account', account),
    status: (env: KsefEnvironment, nip: string): Promise<IntegrationStatus> =>
      call('GET', integration(env, nip), integrationStatus),
    startAuthorization: (env: KsefEnvironment, nip: string): Promise<Authorization> =>
      call('POST', `${integration(env, nip)}/authorizations`, authorization, {
        body: '{}',
        contentType: 'application/json',
      }),
    authorization: (env: KsefEnvironment, nip: string, id: string): Promise<Authorization> =>
      call('GET', `${integration(env, nip)}/authorizations/${encodeURIComponent(id)}`, authorization),
    uploadSigned: (env: KsefEnvironment, nip: string, id: string, xml: string): Promise<Authorization> =>
      call('PUT', `${integration(env, nip)}/authorizations/${encodeURIComponent(id)}/signed-request`, authorization, {
        body: xml,
        contentType: 'application/xml',
      }),
    /** Start (or, with the same key, find again) the revocation; the key must survive restarts. */
    revoke: (env: KsefEnvironment, nip: string, idempotencyKey: string): Promise<Revocation> =>
      call('POST', `${integration(env, nip)}/revocations`, revocation, {
        body: '{}',
        contentType: 'application/json',
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    revocation: (env: KsefEnvironment, nip: string, id: string): Promise<Revocation> =>
      call('GET', `${integration(env, nip)}/revocations/${encodeURIComponent(id)}`, revocation),
  };
}
