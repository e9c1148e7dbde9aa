import { callAnswer } from '../audit/remove';
import { ownerCertificate } from '../audit/owner-certificate';
import { nipDigits } from '../ksef/schemas/common';
import * as z from 'zod/mini';
import { environment, leftover } from './protocol-content';

/**
 * The views the background answers with (jobs, receipts, the provider's status): shared by the protocol and
 * the diagnostic report (report-schema.ts), which is why they live apart from the message table.
 */
/** The content script's answers to the background's requests for a verified disconnect. */
export const removal = z.object({
  item: leftover,
  ok: z.boolean(),
  /** KSeF's operation reference for a grant or authorisation; tokens answer at once. */
  operation: z.nullable(z.string().check(z.maxLength(64))),
  /** The operation's final status code (200 = done), or the HTTP status when the call itself failed. */
  status: z.nullable(z.int()),
  /** Why it failed: `no-api` (the page does not call KSeF itself: use the AP's own buttons), `http`, … */
  error: z.nullable(z.string().check(z.maxLength(64))),
  at: z.number(),
});
export type Removal = z.infer<typeof removal>;

export { ownerCertificate };

export const rereadReply = z.object({
  /** Kinds of record read completely this time (others were not shown on this visit). */
  complete: z.array(z.string().check(z.maxLength(20))).check(z.maxLength(10)),
  leftovers: z.array(leftover).check(z.maxLength(5000)),
  ownerCertificates: z.array(ownerCertificate).check(z.maxLength(1000)),
});
export type RereadReply = z.infer<typeof rereadReply>;
export const guideReply = z.object({ ok: z.literal(true) });

/** The content script's relay of the observer's answer to a call (its body parsed, its text never kept). */
export { callAnswer };

/** Every message between the parts of the extension (docs/architecture.md §8, habit 6): the content script's and the popup's. */

/** The provider's status as the popup shows it: no credential, no footprint details beyond counts. */
export const providerStatusView = z.object({
  providerName: z.string().check(z.maxLength(200)),
  state: z.enum(['not-connected', 'pending', 'active', 'disconnecting', 'disconnected', 'error']),
  mode: z.enum(['provider-certificates', 'own-certificates']),
  actingNips: z.array(nipDigits).check(z.maxLength(20)),
  declared: z.object({
    grants: z.int().check(z.minimum(0)),
    tokens: z.int().check(z.minimum(0)),
    certificates: z.int().check(z.minimum(0)),
  }),
  /** Grants the provider itself sees in KSeF for this company, and when it looked; null if it could not. */
  ksefView: z.nullable(z.object({ grants: z.int().check(z.minimum(0)), readAt: z.string().check(z.maxLength(40)) })),
  updatedAt: z.string().check(z.maxLength(40)),
});
export type ProviderStatusView = z.infer<typeof providerStatusView>;

export const JOB_STATES = [
  'provider-revoke',
  'provider-wait',
  'reread',
  'confirm',
  'remove',
  'guide',
  'verify',
  'witness',
  'done',
  'failed',
  'cancelled',
] as const;
/** A disconnect job's step (lib/background/jobs/disconnect.ts moves a job through them). */
export type JobState = (typeof JOB_STATES)[number];
/** States where the job waits for the user, and states it never leaves. */
export const WAITING_FOR_USER: readonly JobState[] = ['confirm'];
export const FINISHED: readonly JobState[] = ['done', 'failed', 'cancelled'];

const shortText = (max: number) => z.string().check(z.maxLength(max));
export const receiptSchema = z.looseObject({
  version: z.literal(1),
  jobId: shortText(100),
  environment,
  contextNip: nipDigits,
  provider: shortText(200),
  startedAt: shortText(40),
  finishedAt: shortText(40),
  outcome: z.enum(['clean', 'unconfirmed', 'remaining', 'failed', 'cancelled']),
  /** With `unconfirmed`: which witness of "nothing is left" is missing (docs/architecture.md §4a). */
  unconfirmedBy: z.optional(z.array(z.enum(['user-session', 'provider-view']))),
  /** The provider's own KSeF view read after the last change: how many grants it saw, and when. */
  providerWitness: z.optional(
    z.nullable(z.looseObject({ grants: z.nullable(z.int()), readAt: z.nullable(shortText(40)) })),
  ),
  revokedByProvider: z.nullable(
    z.looseObject({
      revocationId: shortText(100),
      state: shortText(20),
      items: z.array(
        z.looseObject({
          kind: shortText(20),
          id: shortText(100),
          outcome: shortText(20),
          operation: z.optional(shortText(100)),
          statusCode: z.optional(z.int()),
          errorCode: z.optional(shortText(64)),
        }),
      ),
      statusAfter: z.nullable(
        z.looseObject({
          state: shortText(20),
          ksefViewGrants: z.nullable(z.int()),
          readAt: z.nullable(shortText(40)),
          at: z.number(),
        }),
      ),
    }),
  ),
  removedByUser: z.array(removal),
  removedInAp: z.array(leftover),
  remaining: z.array(leftover),
  certificatesForOwner: z.array(ownerCertificate),
  verifiedKinds: z.array(shortText(20)),
  verifiedAt: z.nullable(shortText(40)),
  residualAccessUntil: shortText(40),
});
export type ReceiptView = z.infer<typeof receiptSchema>;

export const jobView = z.object({
  id: shortText(100),
  state: z.enum(JOB_STATES),
  note: shortText(40),
  error: z.nullable(shortText(64)),
  providerName: shortText(200),
  environment,
  contextNip: nipDigits,
  leftovers: z.array(leftover).check(z.maxLength(5000)),
  removals: z.array(removal).check(z.maxLength(5000)),
  remaining: z.array(leftover).check(z.maxLength(5000)),
  updatedAt: z.number(),
  receipt: z.nullable(receiptSchema),
});
export type JobView = z.infer<typeof jobView>;
