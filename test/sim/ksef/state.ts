import type { Localised } from '../../../lib/ksef/vocabulary';

/**
 * The twin's world: one in-memory KSeF environment on a clock the tests can move. Records carry when they
 * became effective and when they become visible to queries (the visibility lag of docs/ksef.md §10.7).
 */
export interface Identifier {
  type: string;
  value?: string | null;
}

export type RecordKind = 'person' | 'entity' | 'authorization' | 'indirect' | 'subunit';

export interface PermissionRecord {
  id: string;
  kind: RecordKind;
  /** NIP of the context the grant was made in (for sub-unit admins: the parent context). */
  context: string;
  authorizedIdentifier: Identifier;
  authorIdentifier: Identifier;
  scope: string;
  description: string;
  canDelegate: boolean;
  state: 'Active' | 'Inactive';
  startDate: string;
  subjectEntityDetails?: { subjectDetailsType: string; fullName: string };
  subjectPersonDetails?: { subjectDetailsType: string; firstName: string; lastName: string };
  targetIdentifier?: Identifier;
  subunitIdentifier?: Identifier;
  subunitName?: string;
  /** Effective from this instant (operation reached 200). */
  effectiveAt: number;
  /** Appears in query results from this instant. */
  visibleAt: number;
  /** Revoked (operation reached 200) at this instant; gone from queries after the lag. */
  revokedAt?: number;
  hiddenAt?: number;
}

export interface OperationRecord {
  ref: string;
  context: string;
  createdAt: number;
  completesAt: number;
  /** Final status code once complete; 200 applies `effect`. */
  finalCode: number;
  description: string;
  details?: string[];
  effect: (at: number) => void;
  done: boolean;
}

export interface TokenRecord {
  referenceNumber: string;
  secret: string;
  authorIdentifier: Identifier;
  contextIdentifier: Identifier;
  description: string;
  requestedPermissions: string[];
  dateCreated: number;
  activatesAt: number;
  lastUseDate?: number;
  status: 'Pending' | 'Active' | 'Revoking' | 'Revoked' | 'Failed';
}

export interface CertificateRecord {
  certificateSerialNumber: string;
  name: string;
  type: 'Authentication' | 'Offline';
  commonName: string;
  subjectIdentifier: Identifier;
  validFrom: number;
  validTo: number;
  lastUseDate?: number;
  requestDate: number;
  revokedAt?: number;
  blockedUntil?: number;
}

export interface AuthOperation {
  ref: string;
  startDate: number;
  completesAt: number;
  context: Identifier;
  /** Who authenticated: the signer's NIP/PESEL/fingerprint, or a token's author. */
  subject: Identifier;
  method: string;
  methodInfo: { category: string; code: string; displayName: string };
  /** Permissions of a KSeF token used to log in (null for a signature). */
  tokenPermissions: string[] | null;
  tokenRef: string | null;
  finalCode: number;
  finalDescription: string;
  redeemed: boolean;
  revoked: boolean;
  refreshValidUntil?: number;
  lastRefresh?: number;
  allowedIps: string[] | null;
}

export interface TwinConfig {
  /** Time for a grant, revoke or token activation to go from 100 to its final status. */
  operationDelayMs: number;
  /** Time between an operation's 200 and the query results changing. */
  visibilityLagMs: number;
  /** Time for an authentication to go from 100 to 200. */
  authDelayMs: number;
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  limits: { perSecond: number; perMinute: number; perHour: number } | null;
  /** The unauthenticated auth endpoints are limited per client IP only (60/s). */
  authLimits: { perSecond: number; perMinute: number; perHour: number } | null;
  /** Persons whose PESEL is linked to a NIP (NIP–PESEL link): they are Owner there. */
  ownerLinks: Record<string, string>;
}

export const DEFAULT_CONFIG: TwinConfig = {
  operationDelayMs: 300,
  visibilityLagMs: 0,
  authDelayMs: 100,
  accessTokenSeconds: 900,
  refreshTokenSeconds: 7 * 24 * 3600,
  limits: { perSecond: 10, perMinute: 30, perHour: 120 },
  authLimits: { perSecond: 60, perMinute: 1e9, perHour: 1e9 },
  ownerLinks: {},
};

export interface FaultRule {
  method?: string;
  path?: string;
  status: number;
  times: number;
  retryAfter?: number;
  delayMs?: number;
}

export interface LogEntry {
  at: number;
  method: string;
  path: string;
  /** The query string's parameters. */
  query: Record<string, string>;
  template: string | null;
  status: number;
  contentType: string;
  body: unknown;
  clientIp: string;
  context: string | null;
  subject: string | null;
  authorization: string | null;
}

export class Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
  set(at: number): void {
    this.offset = at - Date.now();
  }
}

export class World {
  config: TwinConfig = structuredClone(DEFAULT_CONFIG);
  permissions: PermissionRecord[] = [];
  operations = new Map<string, OperationRecord>();
  tokens: TokenRecord[] = [];
  certificates: CertificateRecord[] = [];
  auth = new Map<string, AuthOperation>();
  challenges = new Map<string, { expiresAt: number; used: boolean; clientIp: string }>();
  names = new Map<string, string>();
  faults: FaultRule[] = [];
  log: LogEntry[] = [];
  scenario = 'clean';
  /** Operations of the next grant or revoke calls end with these codes instead of 200. */
  operationFailures: { code: number; times: number }[] = [];

  constructor(readonly clock: Clock) {}

  /** Finish the operations whose time has come. Called before every request is served. */
  tick(): void {
    const now = this.clock.now();
    for (const op of this.operations.values()) {
      if (!op.done && now >= op.completesAt) {
        op.done = true;
        if (op.finalCode === 200) op.effect(op.completesAt);
      }
    }
    for (const t of this.tokens) if (t.status === 'Pending' && now >= t.activatesAt) t.status = 'Active';
    for (const t of this.tokens) if (t.status === 'Revoking' && now >= t.activatesAt) t.status = 'Revoked';
  }

  /** The next operation's final code, taking an injected failure first. */
  nextOperationCode(): number {
    const f = this.operationFailures[0];
    if (!f) return 200;
    if (--f.times <= 0) this.operationFailures.shift();
    return f.code;
  }
}

export const OPERATION_STATUS_TEXT: Record<number, Localised> = {
  100: { pl: 'Operacja przyjęta do realizacji', en: 'Operation accepted' },
  200: { pl: 'Operacja zakończona sukcesem', en: 'Operation completed' },
  400: { pl: 'Operacja zakończona niepowodzeniem', en: 'Operation failed' },
  410: {
    pl: 'Podane identyfikatory są niezgodne lub pozostają w niewłaściwej relacji',
    en: 'Identifiers inconsistent',
  },
  420: { pl: 'Użyte poświadczenia nie mają uprawnień do wykonania tej operacji', en: 'Credentials lack permission' },
  430: { pl: 'Kontekst identyfikatora nie odpowiada wymaganej roli lub uprawnieniom', en: 'Context does not match' },
  440: { pl: 'Operacja niedozwolona dla wskazanych powiązań identyfikatorów', en: 'Not allowed for these relations' },
  450: {
    pl: 'Operacja niedozwolona dla wskazanego identyfikatora lub jego typu',
    en: 'Not allowed for this identifier',
  },
  500: { pl: 'Nieznany błąd', en: 'Unknown error' },
  550: { pl: 'Operacja została anulowana przez system', en: 'Cancelled by the system' },
};
