import { historyItem } from '../audit/history-item';
import { removableItem } from '../audit/remove';
import { nipDigits } from '../ksef/schemas/common';
import { COMPANY_SOURCES, MAX_CLAIMS } from '../audit/company';
import * as z from 'zod/mini';
import { BRIDGE_TAG, BRIDGE_VERSION, MAX_BODY_CHARS } from '../ap/bridge';
import { environment, errorReply } from './common';

/**
 * The messages the AP content script handles (docs/architecture.md §8, habit 6), apart from the popup's so that the content
 * script's bundle carries only its own schemas; `protocol.ts` joins both. The name says who sends it to whom;
 * each has a zod schema for the request and for the response, and receivers parse before they act.
 */
export { environment };
/** Who said which company an AP tab shows (lib/audit/company.ts). */
export const companyClaims = z
  .array(z.object({ nip: nipDigits, source: z.enum(COMPANY_SOURCES) }))
  .check(z.maxLength(MAX_CLAIMS));

export const apPage = z.enum(['permissions', 'tokens', 'certificates', 'home', 'login', 'other']);

/** What the AP content script reports about the visit in its tab. */
export const apTabState = z.object({
  environment,
  page: apPage,
  /** KSeF responses seen and accepted on this visit. */
  responses: z.int().check(z.minimum(0)),
  /** Payloads posted to us that failed validation (page data is untrusted). */
  rejected: z.int().check(z.minimum(0)),
  updatedAt: z.number(),
  /** Set once the content script knows them: whose context the AP shows, and the audit's counts. */
  contextNip: z.optional(z.nullable(nipDigits)),
  companies: z.optional(companyClaims),
  counts: z.optional(
    z.object({
      integration: z.int().check(z.minimum(0)),
      leftover: z.int().check(z.minimum(0)),
      risk: z.int().check(z.minimum(0)),
      missing: z.int().check(z.minimum(0)),
      /** The background's: whether the counts are of the whole list (the report came with its items). */
      whole: z.optional(z.boolean()),
      /** The background's: whether a provider's profile was set up, against which leftovers are judged. */
      profiled: z.optional(z.boolean()),
    }),
  ),
});
export type ApTabState = z.infer<typeof apTabState>;

export const providerProfile = z.object({
  name: z.string().check(z.maxLength(100)),
  providerNips: z.array(nipDigits).check(z.maxLength(10)),
  state: z.enum(['active', 'pending', 'disconnected', 'unknown']),
  scopes: z.array(z.string().check(z.maxLength(40))).check(z.maxLength(10)),
  mode: z.enum(['provider-certificates', 'own-certificates']),
});

export { historyItem };

/** One thing the provider left in the user's KSeF that the user's own session can remove. */
export const leftover = removableItem;
export type Leftover = z.infer<typeof leftover>;

/** Messages the AP content script sends to the background. */
export const CONTENT_MESSAGES = {
  'content→background:ap.state': {
    request: apTabState,
    response: z.object({ ok: z.literal(true) }),
  },
  'content→background:audit.profile': {
    request: z.object({ environment, contextNip: z.nullable(nipDigits) }),
    response: z.object({ profile: z.nullable(providerProfile) }),
  },
  'content→background:audit.report': {
    request: z.object({
      environment,
      contextNip: z.nullable(nipDigits),
      companies: companyClaims,
      counts: z.object({
        integration: z.int().check(z.minimum(0)),
        leftover: z.int().check(z.minimum(0)),
        risk: z.int().check(z.minimum(0)),
        missing: z.int().check(z.minimum(0)),
      }),
      /** Only after a complete read: a partial view would show grants as removed. */
      items: z.nullable(z.array(historyItem).check(z.maxLength(20_000))),
    }),
    response: z.object({
      previousAt: z.nullable(z.number()),
      added: z.array(historyItem),
      removed: z.array(historyItem),
      changed: z.array(z.object({ before: historyItem, after: historyItem })),
    }),
  },
  /** Inject the panel's UI bundle into the sender's frame (content scripts are always top-frame AP pages). */
  'content→background:panel.load': {
    request: z.object({}),
    response: z.object({ ok: z.literal(true) }),
  },
} as const;

/** Errors travel as values, never as thrown strings with secrets in them. */
export { errorReply };
export type ErrorReply = z.infer<typeof errorReply>;

/** page → content: what the MAIN-world observer posts (lib/ap/bridge). Untrusted: any page script can post. */
/** A message as the observer posts it; the capture store turns `text` into `body` (below). */
export const observerMessage = z.object({
  tag: z.literal(BRIDGE_TAG),
  v: z.literal(BRIDGE_VERSION),
  kind: z.enum(['response', 'skipped', 'replay-failed']),
  method: z.string().check(z.maxLength(16)),
  url: z.string().check(z.maxLength(4096)),
  status: z.int(),
  text: z.optional(z.string().check(z.maxLength(MAX_BODY_CHARS))),
  reason: z.optional(z.string().check(z.maxLength(64))),
  count: z.optional(z.int().check(z.minimum(0), z.maximum(1_000_000))),
  replayId: z.optional(z.string().check(z.maxLength(64))),
  retryAfter: z.optional(z.number().check(z.minimum(0), z.maximum(86_400))),
  context: z.optional(nipDigits),
  request: z.optional(z.string().check(z.maxLength(MAX_BODY_CHARS))),
});
export type ObserverWire = z.infer<typeof observerMessage>;
/** A message the capture store accepted: the response's JSON parsed into `body`. */
export type ObserverMessage = Omit<ObserverWire, 'text'> & { body?: unknown };
