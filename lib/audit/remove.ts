import * as z from 'zod/mini';
import { operationAccepted, operationStatus } from '../ksef/schemas/permissions';
import { Pacer } from './check-all';

/**
 * Remove what the user confirmed, in their own AP session: one KSeF call per item (paced within KSeF's
 * limits, `Retry-After` honoured), then the permission operation followed with back-off until KSeF says how
 * it ended (`200` done). Where the page does not call KSeF itself the first call says so (`no-api`) and
 * nothing more is tried: the AP's own "Odbierz uprawnienie" buttons are the way there.
 */
export const removableItem = z.object({
  kind: z.enum(['grant', 'authorization', 'token']),
  id: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/)),
  scopes: z.array(z.string().check(z.maxLength(60))).check(z.maxLength(20)),
  /**
   * Who holds it, as KSeF gave it (a grant's grantee, a token's author) with the name KSeF gives, and a token's
   * description: what the user reads before confirming. Shown as text only.
   */
  holder: z.optional(
    z.object({
      type: z.string().check(z.maxLength(20)),
      value: z.string().check(z.maxLength(64)),
      name: z.optional(z.string().check(z.maxLength(200))),
    }),
  ),
  description: z.optional(z.string().check(z.maxLength(300))),
});
export type RemovableItem = z.infer<typeof removableItem>;
export interface RemovalResult {
  item: RemovableItem;
  ok: boolean;
  operation: string | null;
  status: number | null;
  error: string | null;
  at: number;
}
/** What the page's observer answered to one KSeF call made in the user's session. */
export const callAnswer = z.object({
  kind: z.enum(['response', 'skipped', 'replay-failed']),
  status: z.int(),
  body: z.optional(z.unknown()),
  reason: z.optional(z.string().check(z.maxLength(64))),
  retryAfter: z.optional(z.number().check(z.minimum(0), z.maximum(86_400))),
});
export type CallAnswer = z.infer<typeof callAnswer>;
export interface RemoveDeps {
  call: (call: string) => Promise<CallAnswer>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  onProgress?: (done: number, total: number) => void;
}

const PATH: Record<RemovableItem['kind'], string> = {
  grant: 'DELETE /permissions/common/grants/',
  authorization: 'DELETE /permissions/authorizations/grants/',
  token: 'DELETE /tokens/',
};
/** Operation polling: waits between reads (ms), the last repeated, and how long to follow at most. */
export const OPERATION_WAITS = [300, 600, 1200, 2500, 5000];
export const OPERATION_MAX_MS = 120_000;
const RETRIES_429 = 3;

export async function removeInPage(items: readonly RemovableItem[], deps: RemoveDeps): Promise<RemovalResult[]> {
  const pacer = new Pacer();
  const out: RemovalResult[] = [];
  const paced = async (call: string): Promise<CallAnswer> => {
    const key = call.slice(0, call.lastIndexOf('/'));
    for (let attempt = 0; ; attempt++) {
      const wait = pacer.wait(key, deps.now());
      if (wait > 0) await deps.sleep(wait);
      pacer.record(key, deps.now());
      const answer = await deps.call(call);
      if (answer.kind === 'replay-failed' && answer.status === 429 && attempt < RETRIES_429) {
        await deps.sleep((answer.retryAfter ?? 2) * 1000);
        continue;
      }
      return answer;
    }
  };
  for (const item of items) {
    const result = (patch: Partial<RemovalResult>): RemovalResult => ({
      item,
      ok: false,
      operation: null,
      status: null,
      error: null,
      at: deps.now(),
      ...patch,
    });
    const answer = await paced(`${PATH[item.kind]}${item.id}`);
    if (answer.kind !== 'response') {
      out.push(result({ status: answer.status || null, error: answer.reason ?? 'failed' }));
      if (answer.reason === 'no-api') {
        // The page does not talk to KSeF itself: nothing else can be removed from here either.
        for (const rest of items.slice(out.length)) out.push({ ...result({ error: 'no-api' }), item: rest });
        break;
      }
      deps.onProgress?.(out.length, items.length);
      continue;
    }
    if (item.kind === 'token') {
      out.push(result({ ok: true, status: answer.status }));
      deps.onProgress?.(out.length, items.length);
      continue;
    }
    const accepted = operationAccepted.safeParse(answer.body);
    if (!accepted.success) {
      out.push(result({ status: answer.status, error: 'bad-response' }));
      continue;
    }
    const ref = accepted.data.referenceNumber;
    const started = deps.now();
    let code = 100;
    for (let i = 0; code === 100 && deps.now() - started < OPERATION_MAX_MS; i++) {
      await deps.sleep(OPERATION_WAITS[Math.min(i, OPERATION_WAITS.length - 1)]!);
      const op = await paced(`GET /permissions/operations/${ref}`);
      const status = op.kind === 'response' ? operationStatus.safeParse(op.body) : null;
      if (status?.success) code = status.data.status.code;
    }
    out.push(result({ ok: code === 200, operation: ref, status: code, error: code === 200 ? null : 'operation' }));
    deps.onProgress?.(out.length, items.length);
  }
  return out;
}
