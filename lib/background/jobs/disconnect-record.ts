import * as z from 'zod/mini';
import { nipDigits } from '../../ksef/schemas/common';
import { environment, JOB_STATES, leftover, ownerCertificate, removal, type Leftover } from '../../messaging/protocol';
import { revocation } from '../../provider/schemas';

/** A disconnect job as a record: what is stored after every step (docs/architecture.md §5a), read back parsed. */
const text = (max: number) => z.string().check(z.maxLength(max));

/** What the provider did when asked to revoke, as the job keeps it. */
const providerOutcome = z.object({
  revocationId: text(100),
  state: revocation.shape.state,
  items: z.array(
    z.object({
      kind: z.enum(['grant', 'token']),
      id: text(100),
      scope: z.optional(text(60)),
      outcome: text(20),
      operation: z.optional(text(100)),
      statusCode: z.optional(z.int()),
      errorCode: z.optional(text(64)),
    }),
  ),
  finishedAt: z.nullable(z.number()),
  /** The provider's status after its revocation, and what it saw in KSeF with its own certificate. */
  statusAfter: z.nullable(
    z.object({ state: text(20), ksefViewGrants: z.nullable(z.int()), readAt: z.nullable(text(40)), at: z.number() }),
  ),
});
export type ProviderOutcome = z.infer<typeof providerOutcome>;

/** A disconnect job as it is stored (IndexedDB) and read back: parsed, never cast. */
export const disconnectJob = z.object({
  id: text(100),
  kind: z.literal('disconnect'),
  environment,
  contextNip: nipDigits,
  tabId: z.nullable(z.int()),
  providerName: text(200),
  providerNips: z.array(nipDigits),
  tokenReferences: z.array(text(100)),
  certificateSerials: z.array(text(40)),
  idempotencyKey: text(200),
  state: z.enum(JOB_STATES),
  createdAt: z.number(),
  updatedAt: z.number(),
  provider: z.nullable(providerOutcome),
  /** What the first re-read found. */
  leftovers: z.array(leftover),
  ownerCertificates: z.array(ownerCertificate),
  verifiedKinds: z.array(text(20)),
  removals: z.array(removal),
  /** Still there after the last verification. */
  remaining: z.array(leftover),
  verifiedAt: z.nullable(z.number()),
  verifyAttempts: z.int(),
  /**
   * The second witness of "nothing is left": what the provider read from KSeF with its own certificate after the
   * last change (its revocation or the user's removals); null until asked, or when it could not say.
   */
  providerWitness: z.optional(z.nullable(z.object({ grants: z.nullable(z.int()), readAt: z.nullable(z.number()) }))),
  /** A provider error code (lib/provider/errors.ts) or one of ours: `no-ap-tab`, `page-failed`. */
  error: z.nullable(text(64)),
  /** Progress the user sees at every wait. */
  note: text(40),
});
export type DisconnectJob = z.infer<typeof disconnectJob>;

/** A stored job read back as a disconnect job, or null when it is not one (or no longer fits). */
export function asDisconnectJob(stored: unknown): DisconnectJob | null {
  const parsed = disconnectJob.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export function newDisconnectJob({
  now,
  ...init
}: Pick<
  DisconnectJob,
  | 'id'
  | 'environment'
  | 'contextNip'
  | 'tabId'
  | 'providerName'
  | 'providerNips'
  | 'tokenReferences'
  | 'certificateSerials'
> & { now: number }): DisconnectJob {
  return {
    ...init,
    kind: 'disconnect',
    idempotencyKey: `ksef-companion-${init.id}`,
    state: 'provider-revoke',
    createdAt: now,
    updatedAt: now,
    provider: null,
    leftovers: [],
    ownerCertificates: [],
    verifiedKinds: [],
    removals: [],
    remaining: [],
    verifiedAt: null,
    verifyAttempts: 0,
    error: null,
    note: 'provider-revoke',
  };
}

/** The same leftover (kind and id). */
export const same = (a: Leftover, b: Leftover) => a.kind === b.kind && a.id === b.id;

/** When KSeF last changed by the job's hand: the provider's revocation ending, or the user's last removal. */
export const lastChangeAt = (job: DisconnectJob) =>
  Math.max(job.provider?.finishedAt ?? job.createdAt, ...job.removals.map((r) => r.at));
