import type { ProviderProfile } from '../audit/types';
import type { AuthorizationView, JobView, ProviderStatusView } from '../messaging/protocol';
import type { Authorization, IntegrationStatus } from '../provider/schemas';
import { FINISHED } from '../messaging/protocol';
import type { DisconnectJob } from './jobs/disconnect-record';
import { receiptOf } from './jobs/receipt';

/** What the background's answers make of the provider's records and of jobs: the audit's profile and the views. */
const PROFILE_STATE: Record<IntegrationStatus['state'], ProviderProfile['state']> = {
  'not-connected': 'disconnected',
  pending: 'pending',
  active: 'active',
  disconnecting: 'active',
  disconnected: 'disconnected',
  error: 'unknown',
};

/** The audit's profile from the provider's own status (docs/architecture.md §4). */
export function profileFromStatus(
  status: IntegrationStatus,
  providerName: string,
  providerNips: string[],
): ProviderProfile {
  return {
    name: providerName,
    providerNips: status.actingNips.length > 0 ? status.actingNips : providerNips,
    state: PROFILE_STATE[status.state],
    scopes: status.expectedScopes,
    mode: status.mode,
    footprint: {
      grantIds: status.footprint.grants.flatMap((g) => (g.permissionId ? [g.permissionId] : [])),
      tokenReferences: status.footprint.tokens.map((t) => t.referenceNumber),
      certificateSerials: status.footprint.certificates.map((c) => c.serialNumber),
    },
  };
}

export function statusView(status: IntegrationStatus, providerName: string): ProviderStatusView {
  return {
    providerName,
    state: status.state,
    mode: status.mode,
    actingNips: status.actingNips,
    declared: {
      grants: status.footprint.grants.length,
      tokens: status.footprint.tokens.length,
      certificates: status.footprint.certificates.length,
    },
    ksefView: status.ksefView ? { grants: status.ksefView.grants.length, readAt: status.ksefView.readAt } : null,
    updatedAt: status.updatedAt,
  };
}

/** What the popup sees of a job: everything but the provider's key (which a job never holds). */
export function jobViewOf(job: DisconnectJob): JobView {
  return {
    id: job.id,
    state: job.state,
    note: job.note,
    error: job.error,
    providerName: job.providerName,
    environment: job.environment,
    contextNip: job.contextNip,
    leftovers: job.leftovers,
    removals: job.removals,
    remaining: job.remaining,
    updatedAt: job.updatedAt,
    receipt: FINISHED.includes(job.state) ? receiptOf(job) : null,
  };
}

export function authorizationViewOf(a: Authorization): AuthorizationView {
  return {
    id: a.id,
    state: a.state,
    authTokenRequest: a.authTokenRequest,
    expiresAt: a.expiresAt,
    steps: a.steps.map((s) => ({ step: s.step, state: s.state, detail: s.detail })),
    error: a.error?.code ?? null,
  };
}
