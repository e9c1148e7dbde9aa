import type { ReceiptView } from '../../messaging/protocol';
import { lastChangeAt, same, type DisconnectJob } from './disconnect-record';

/** An access token issued before the revoke may be used for about this long (docs/ksef.md, token lifetime). */
export const RESIDUAL_ACCESS_MS = 15 * 60_000;

/** The receipt of a finished job: the wire format the popup and the diagnostic report read. */
export type Receipt = ReceiptView;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Which witness of "nothing is left" is missing: a whole read of the grants list in the user's session after the
 * last change, and the provider's own KSeF view read after it showing none.
 */
export function missingWitnesses(job: DisconnectJob): ('user-session' | 'provider-view')[] {
  const missing: ('user-session' | 'provider-view')[] = [];
  if (!job.verifiedKinds.includes('grants') || job.verifiedAt === null || job.verifiedAt < lastChangeAt(job))
    missing.push('user-session');
  const w = job.providerWitness;
  if (!w || w.grants !== 0 || w.readAt === null || w.readAt < lastChangeAt(job)) missing.push('provider-view');
  return missing;
}

export function receiptOf(job: DisconnectJob): Receipt {
  const lastRevoke = lastChangeAt(job);
  const unconfirmedBy = missingWitnesses(job);
  const w = job.providerWitness ?? null;
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
            : unconfirmedBy.length > 0
              ? 'unconfirmed'
              : 'clean',
    ...(job.state === 'done' && job.remaining.length === 0 && unconfirmedBy.length > 0 ? { unconfirmedBy } : {}),
    providerWitness: w ? { grants: w.grants, readAt: w.readAt === null ? null : iso(w.readAt) } : null,
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
