import type { KsefEnvironment } from '../ksef/environments';

/**
 * What the audit reasons about (docs/architecture.md §4). A profile describes one provider's integration as the
 * provider API's status (or the options page) tells it; the verdicts say what each KSeF record is to it.
 */
export type ProfileState = 'active' | 'pending' | 'disconnected' | 'unknown';

export interface ProviderProfile {
  name: string;
  /** NIPs that act in KSeF for the provider (any spelling; compared normalised). */
  providerNips: string[];
  state: ProfileState;
  /** Scopes the integration needs, normally InvoiceWrite and InvoiceRead. */
  scopes: string[];
  mode: 'provider-certificates' | 'own-certificates';
  /** What the provider declares it created in the user's name (docs/architecture.md §4). */
  footprint?: {
    grantIds?: string[];
    tokenReferences?: string[];
    certificateSerials?: string[];
  };
}

/** How much of the grants list a visit has read; `not-listed` where the page lists none and none came. */
export type Coverage = 'complete' | 'partial' | 'none' | 'not-listed';

export interface AuditContext {
  contextNip: string;
  environment: KsefEnvironment;
}

export const VERDICTS = ['integration', 'leftover', 'risk', 'other'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type Flag =
  | 'provider'
  | 'can-delegate'
  | 'beyond-invoicing'
  | 'not-expected'
  | 'duplicate'
  | 'system-granted'
  | 'inactive'
  | 'unknown-entity'
  | 'provider-disconnected'
  | 'authored-by-provider'
  | 'mentions-provider'
  | 'declared'
  | 'not-declared'
  | 'expired'
  | 'revoked';

export interface Classified {
  id: string;
  verdict: Verdict;
  flags: Flag[];
}

/** A KSeF permission record as the persons/entities queries return it; only what the audit reads. */
export interface GrantLike {
  id: string;
  authorizedIdentifier: { type: string; value?: string | null };
  authorIdentifier?: { type: string; value?: string | null } | null;
  permissionScope: string;
  permissionState?: string;
  canDelegate?: boolean;
  description?: string;
  startDate?: string;
  subjectEntityDetails?: { fullName?: string; subjectDetailsType?: string } | null;
  subjectPersonDetails?: { firstName?: string; lastName?: string } | null;
}
