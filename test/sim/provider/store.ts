import { USER } from '../people';
import type { Session } from '../ksef-client';

/** The reference provider's records: integrations per (environment, context NIP), authorizations, revocations. */
export type State = 'not-connected' | 'pending' | 'active' | 'disconnecting' | 'disconnected' | 'error';
export type Mode = 'provider-certificates' | 'own-certificates';

export interface Footprint {
  grants: { permissionId: string | null; scope: string; grantedAt?: string }[];
  tokens: { referenceNumber: string; description?: string }[];
  certificates: { serialNumber: string; name?: string; validTo?: string }[];
}

export interface Integration {
  environment: string;
  contextNip: string;
  state: State;
  mode: Mode;
  actingNips: string[];
  footprint: Footprint;
  /** The provider's session as the user, from the signed AuthTokenRequest; lost when the refresh token expires. */
  userSession: Session | null;
  updatedAt: number;
  error: { code: string; message: string } | null;
}

export type Step = 'challenge' | 'signature' | 'authentication' | 'grant' | 'verification';
export interface AuthorizationRecord {
  id: string;
  environment: string;
  contextNip: string;
  state: 'awaiting-signature' | 'authenticating' | 'granting' | 'completed' | 'failed' | 'expired';
  authTokenRequest: string;
  challenge: string;
  createdAt: number;
  expiresAt: number;
  steps: { step: Step; state: 'pending' | 'in-progress' | 'done' | 'failed'; at?: string; detail?: string }[];
  error?: { code: string; message: string; retryable: boolean };
}

export interface RevocationItem {
  kind: 'grant' | 'token';
  id: string;
  scope?: string;
  outcome: 'pending' | 'revoked' | 'failed' | 'skipped';
  operationReferenceNumber?: string;
  statusCode?: number;
  errorCode?: string;
  message?: string;
}

export interface RevocationRecord {
  id: string;
  key: string;
  environment: string;
  contextNip: string;
  state: 'in-progress' | 'completed' | 'partial' | 'failed';
  startedAt: number;
  finishedAt?: number;
  items: RevocationItem[];
}

export interface ProviderFaults {
  /** The provider's session as the user has expired: it can no longer revoke (leftovers). */
  sessionExpired: boolean;
  /** Revocation stops after the first half of the items. */
  failHalfway: boolean;
  /** Answer these requests with an error status (5xx, 429) a number of times. */
  errors: { method?: string; path?: string; status: number; times: number; retryAfter?: number }[];
  /** Every answer waits this long. */
  slowMs: number;
  /** Matching requests get no answer for this long (a client timeout), then a 504. */
  hang: { path?: string; times: number; ms: number } | null;
  /** A revocation POST starts the job but its answer is lost (504), so the client retries with the same key. */
  lostResponses: number;
  /** `GET /v1/account` does not list the account's companies (a provider that cannot say). */
  noCompanyList: boolean;
}

export const NO_FAULTS: ProviderFaults = {
  sessionExpired: false,
  failHalfway: false,
  errors: [],
  slowMs: 0,
  hang: null,
  lostResponses: 0,
  noCompanyList: false,
};

export interface ProviderLogEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  idempotencyKey: string | null;
  authorization: string | null;
  body: unknown;
}

export class ProviderStore {
  integrations = new Map<string, Integration>();
  authorizations = new Map<string, AuthorizationRecord>();
  revocations = new Map<string, RevocationRecord>();
  revocationsByKey = new Map<string, string>();
  faults: ProviderFaults = structuredClone(NO_FAULTS);
  log: ProviderLogEntry[] = [];
  scenario = 'clean';

  key(environment: string, nip: string): string {
    return `${environment}:${nip}`;
  }

  /** The companies this account serves: the customer's own, and every one with an integration under way or done. */
  companies(): { nip: string; name: string }[] {
    const nips = new Set<string>([USER.nip]);
    for (const i of this.integrations.values()) if (i.state !== 'not-connected') nips.add(i.contextNip);
    return [...nips].map((nip) => ({ nip, name: nip === USER.nip ? USER.name : `Firma ${nip}` }));
  }

  integration(environment: string, nip: string): Integration {
    const k = this.key(environment, nip);
    let i = this.integrations.get(k);
    if (!i) {
      i = {
        environment,
        contextNip: nip,
        state: 'not-connected',
        mode: 'provider-certificates',
        actingNips: [],
        footprint: { grants: [], tokens: [], certificates: [] },
        userSession: null,
        updatedAt: Date.now(),
        error: null,
      };
      this.integrations.set(k, i);
    }
    return i;
  }
}
