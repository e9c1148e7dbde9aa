import * as z from 'zod/mini';
import { nipDigits } from '../../ksef/schemas/common';
import {
  environment,
  FINISHED,
  JOB_STATES,
  leftover,
  ownerCertificate,
  removal,
  type Leftover,
  type ReceiptView,
  type Removal,
  type RereadReply,
} from '../../messaging/protocol';
import type { ProviderClient } from '../../provider/client';
import { revocation, type Revocation } from '../../provider/schemas';

/**
 * "Disconnect", verified (docs/architecture.md §5 flow 2, §5a): the provider revokes → we follow its revocation and
 * its status → the user's AP tab reads KSeF again → what is left is removed from the user's own session once
 * they confirm → the same read proves it gone → a receipt. A job is a plain record that moves one step at a
 * time and is saved after each, so a stopped service worker or a reloaded AP tab resumes where it was; the
 * revocation's idempotency key is part of the record, so a resumed job never starts a second one.
 */
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

export interface DisconnectPorts {
  provider: Pick<ProviderClient, 'revoke' | 'revocation' | 'status'>;
  page: {
    reread: (job: DisconnectJob) => Promise<RereadReply>;
    remove: (job: DisconnectJob, items: Leftover[]) => Promise<Removal[]>;
    /** Walk the user through the AP's own buttons; resolves once the rows are gone from the AP's list. */
    guide: (job: DisconnectJob, items: Leftover[]) => Promise<void>;
  };
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** How long the provider's revocation is followed, and how often; the visibility lag allowance for KSeF. */
export const PROVIDER_POLL = { everyMs: 1000, attempts: 120 };
export const VERIFY = { everyMs: 2000, attempts: 6 };
/** An access token issued before the revoke may be used for about this long (docs/ksef.md, token lifetime). */
export const RESIDUAL_ACCESS_MS = 15 * 60_000;

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

const outcomeOf = (r: Revocation, now: number, before: ProviderOutcome | null): ProviderOutcome => ({
  revocationId: r.id,
  state: r.state,
  items: r.items.map((i) => ({
    kind: i.kind,
    id: i.id,
    scope: i.scope,
    outcome: i.outcome,
    operation: i.operationReferenceNumber,
    statusCode: i.statusCode,
    errorCode: i.errorCode,
  })),
  finishedAt: r.state === 'in-progress' ? null : (before?.finishedAt ?? now),
  statusAfter: before?.statusAfter ?? null,
});

const same = (a: Leftover, b: Leftover) => a.kind === b.kind && a.id === b.id;

/** Do the work of the job's current state and return the job in its next state. Never throws. */
export async function stepDisconnect(job: DisconnectJob, ports: DisconnectPorts): Promise<DisconnectJob> {
  const at = ports.now();
  const next = (patch: Partial<DisconnectJob>): DisconnectJob => ({ ...job, ...patch, updatedAt: ports.now() });
  try {
    switch (job.state) {
      case 'provider-revoke': {
        const r = await ports.provider.revoke(job.environment, job.contextNip, job.idempotencyKey);
        return next({ state: 'provider-wait', provider: outcomeOf(r, at, null), note: 'provider-wait' });
      }
      case 'provider-wait': {
        let r = await ports.provider.revocation(job.environment, job.contextNip, job.provider!.revocationId);
        for (let i = 0; r.state === 'in-progress' && i < PROVIDER_POLL.attempts; i++) {
          await ports.sleep(PROVIDER_POLL.everyMs);
          r = await ports.provider.revocation(job.environment, job.contextNip, r.id);
        }
        const outcome = outcomeOf(r, ports.now(), job.provider);
        const status = await ports.provider.status(job.environment, job.contextNip);
        outcome.statusAfter = {
          state: status.state,
          ksefViewGrants: status.ksefView?.grants.length ?? null,
          readAt: status.ksefView?.readAt ?? null,
          at: ports.now(),
        };
        return next({ state: 'reread', provider: outcome, note: 'reread' });
      }
      case 'reread': {
        const read = await ports.page.reread(job);
        // Nothing could be read from KSeF on this page (it shows no list, or only its own rendering of it):
        // an empty result would prove nothing, so it is not called clean.
        if (read.complete.length === 0) return next({ state: 'failed', error: 'not-verifiable', note: 'failed' });
        const found = read.leftovers;
        return next({
          state: found.length > 0 ? 'confirm' : 'done',
          leftovers: found,
          remaining: found,
          ownerCertificates: read.ownerCertificates,
          verifiedKinds: read.complete,
          verifiedAt: found.length > 0 ? null : ports.now(),
          note: found.length > 0 ? 'confirm' : 'done',
        });
      }
      case 'remove': {
        const todo = job.remaining.filter((l) => !job.removals.some((r) => r.ok && same(r.item, l)));
        const done = await ports.page.remove(job, todo);
        const removals = [...job.removals, ...done];
        // The page does not call KSeF itself (the AP's own backend does): the user removes them with the AP's
        // own buttons, guided row by row, and the same verification follows.
        const guided = done.length > 0 && done.every((r) => r.error === 'no-api');
        return next({ state: guided ? 'guide' : 'verify', removals, note: guided ? 'guide' : 'verify' });
      }
      case 'guide': {
        await ports.page.guide(job, job.remaining);
        return next({ state: 'verify', note: 'verify' });
      }
      case 'verify': {
        const read = await ports.page.reread(job);
        const remaining = job.leftovers.filter((l) => read.leftovers.some((x) => same(x, l)));
        const attempts = job.verifyAttempts + 1;
        // KSeF shows a removal after a short lag: read again a few times before calling anything left over.
        const removedOk = remaining.filter((l) => job.removals.some((r) => r.ok && same(r.item, l)));
        if (removedOk.length > 0 && attempts < VERIFY.attempts) {
          await ports.sleep(VERIFY.everyMs);
          return next({ verifyAttempts: attempts, remaining, note: 'verify' });
        }
        return next({
          state: 'done',
          remaining,
          verifyAttempts: attempts,
          verifiedKinds: read.complete,
          verifiedAt: ports.now(),
          note: 'done',
        });
      }
      default:
        return job;
    }
  } catch (e) {
    const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'page-failed';
    return next({ state: 'failed', error: code, note: 'failed' });
  }
}

/** The user confirmed "remove the rest here". */
export function confirmDisconnect(job: DisconnectJob, now: number): DisconnectJob {
  return job.state === 'confirm' ? { ...job, state: 'remove', note: 'remove', updatedAt: now } : job;
}

export function cancelDisconnect(job: DisconnectJob, now: number): DisconnectJob {
  return FINISHED.includes(job.state) ? job : { ...job, state: 'cancelled', note: 'cancelled', updatedAt: now };
}

/** The receipt of a finished job: the wire format the popup and the diagnostic report read. */
export type Receipt = ReceiptView;

const iso = (ms: number) => new Date(ms).toISOString();

export function receiptOf(job: DisconnectJob): Receipt {
  const lastRevoke = Math.max(job.provider?.finishedAt ?? job.createdAt, ...job.removals.map((r) => r.at));
  return {
    version: 1,
    jobId: job.id,
    environment: job.environment,
    contextNip: job.contextNip,
    provider: job.providerName,
    startedAt: iso(job.createdAt),
    finishedAt: iso(job.updatedAt),
    outcome:
      job.state === 'cancelled'
        ? 'cancelled'
        : job.state === 'failed'
          ? 'failed'
          : job.remaining.length > 0
            ? 'remaining'
            : 'clean',
    revokedByProvider: job.provider,
    removedByUser: job.removals.filter((r) => r.ok),
    removedInAp:
      job.verifiedAt === null
        ? []
        : job.leftovers.filter(
            (l) => !job.remaining.some((x) => same(x, l)) && !job.removals.some((r) => r.ok && same(r.item, l)),
          ),
    remaining: job.remaining,
    certificatesForOwner: job.ownerCertificates,
    verifiedKinds: job.verifiedKinds,
    verifiedAt: job.verifiedAt ? iso(job.verifiedAt) : null,
    residualAccessUntil: iso(lastRevoke + RESIDUAL_ACCESS_MS),
  };
}
