import { FINISHED, type Leftover, type Removal, type RereadReply } from '../../messaging/protocol';
import type { ProviderClient } from '../../provider/client';
import type { Revocation } from '../../provider/schemas';
import { lastChangeAt, same, type DisconnectJob, type ProviderOutcome } from './disconnect-record';

/**
 * "Disconnect", verified (docs/architecture.md §5 flow 2, §5a): the provider revokes → we follow its revocation and
 * its status → the user's AP tab reads KSeF again → what is left is removed from the user's own session once
 * they confirm → the same read proves it gone → a receipt. A job is a plain record that moves one step at a
 * time and is saved after each, so a stopped service worker or a reloaded AP tab resumes where it was; the
 * revocation's idempotency key is part of the record, so a resumed job never starts a second one.
 */
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
/** How long the provider is asked again for a KSeF view read after the last change (it may serve a cached one). */
export const WITNESS = { everyMs: 1000, attempts: 15, silentAttempts: 3 };

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
          state: found.length > 0 ? 'confirm' : 'witness',
          leftovers: found,
          remaining: found,
          ownerCertificates: read.ownerCertificates,
          verifiedKinds: read.complete,
          verifiedAt: found.length > 0 ? null : ports.now(),
          note: found.length > 0 ? 'confirm' : 'witness',
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
          state: remaining.length > 0 ? 'done' : 'witness',
          remaining,
          verifyAttempts: attempts,
          verifiedKinds: read.complete,
          verifiedAt: ports.now(),
          note: remaining.length > 0 ? 'done' : 'witness',
        });
      }
      case 'witness': {
        // The provider's own view counts only if read after the last change; a cached older one, or one that still
        // shows grants (KSeF shows a removal after a lag), is asked again for a while.
        const since = lastChangeAt(job);
        let witness: DisconnectJob['providerWitness'] = null;
        let silent = 0;
        for (let i = 0; i < WITNESS.attempts; i++) {
          if (i > 0) await ports.sleep(WITNESS.everyMs);
          const view = (await ports.provider.status(job.environment, job.contextNip).catch(() => null))?.ksefView;
          // A provider that does not say what it sees (or cannot reach KSeF now) is asked twice more, no longer.
          if (!view) {
            if (++silent >= WITNESS.silentAttempts) break;
            continue;
          }
          const readAt = view.readAt ? Date.parse(view.readAt) : NaN;
          if (!(readAt >= since)) continue;
          witness = { grants: view.grants.length, readAt };
          if (view.grants.length === 0) break;
        }
        return next({ state: 'done', providerWitness: witness, note: 'done' });
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
