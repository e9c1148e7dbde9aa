import type { RecordKind } from '../ksef/endpoints';
import { buildAudit, type Audit } from './card';
import type { Extracted } from './extract';
import type { AuditContext, Coverage, ProviderProfile } from './types';
import type { Proof } from './check-all';

/**
 * What one visit to the AP has read, kind by kind, and the audit of it. Pages add to what is known; a full
 * read ("check all") replaces a kind when its last page arrives, so records revoked meanwhile disappear, and
 * so does the list's first page when it says nothing follows (the whole list in one response). A kind is
 * `complete` only with a proof (docs/architecture.md §4a): that first page, a total reached, or a full read.
 */
export const KINDS: readonly RecordKind[] = ['grants', 'authorizations', 'subunits', 'tokens', 'certificates'];
type Rec = { id?: string; referenceNumber?: string; certificateSerialNumber?: string };
/** A record's key: its KSeF id (grants), reference number (tokens) or serial number (certificates). */
export const keyOf = (r: Rec) => r.id ?? r.referenceNumber ?? r.certificateSerialNumber ?? '';

export interface KindState {
  pages: number;
  hasMore: boolean | null;
  /** Every record of this kind has been read, with a proof. */
  complete: boolean;
  /** How it was proved (docs/architecture.md §4a), while `complete`. */
  proof: WholeProof | null;
  /** The total the list last stated, if it states one. */
  total: number | null;
  /** When a page of it was last read (ms since the epoch). */
  readAt: number | null;
}
/** The first page saying nothing follows, a stated total reached, or how "check all" ended. */
export type WholeProof = 'first-page' | Proof;

export interface SessionSnapshot {
  records: { [K in RecordKind]: Extracted[K] };
  /** Keys of the records the page's own last response of each kind held: the rows on screen came from it. */
  lastPage: Record<RecordKind, string[]>;
  kinds: Record<RecordKind, KindState>;
  captures: number;
  rejected: number;
  unrecognisedKeys: string[];
  profile: ProviderProfile | null;
  audit: Audit;
}

/** Where the ingested page sits in its list: `firstPage` when the request asked for page one (null: unknown). */
export interface PageMeta {
  firstPage: boolean | null;
}

export function createAuditSession(
  ctx: AuditContext,
  profile: ProviderProfile | null,
  /** The page lists grants (the permission list): no grant read there is "not yet read", elsewhere "not listed". */
  opts: { listsGrants: boolean; now?: () => number } = { listsGrants: true },
) {
  const now = opts.now ?? Date.now;
  const maps = Object.fromEntries(KINDS.map((k) => [k, new Map<string, unknown>()])) as Record<
    RecordKind,
    Map<string, unknown>
  >;
  const kinds = Object.fromEntries(
    KINDS.map((k) => [k, { pages: 0, hasMore: null, complete: false, proof: null, total: null, readAt: null }]),
  ) as Record<RecordKind, KindState>;
  const pass: Partial<Record<RecordKind, Map<string, unknown>>> = {};
  const lastPage = Object.fromEntries(KINDS.map((k) => [k, [] as string[]])) as Record<RecordKind, string[]>;
  let captures = 0;
  let rejected = 0;
  const unrecognised = new Set<string>();
  let current = profile;
  const listeners = new Set<() => void>();
  let snap = compute();

  function coverage(): Coverage {
    if (kinds.grants.complete) return 'complete';
    if (kinds.grants.pages > 0) return 'partial';
    return opts.listsGrants ? 'none' : 'not-listed';
  }

  function compute(): SessionSnapshot {
    const records = Object.fromEntries(KINDS.map((k) => [k, [...maps[k].values()]])) as SessionSnapshot['records'];
    return {
      records,
      lastPage: { ...lastPage },
      kinds: structuredClone(kinds),
      captures,
      rejected,
      unrecognisedKeys: [...unrecognised].slice(0, 100),
      profile: current,
      audit: buildAudit(records, current, ctx, coverage()),
    };
  }
  const changed = () => {
    snap = compute();
    for (const l of listeners) l();
  };

  return {
    snapshot: () => snap,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setProfile(p: ProviderProfile | null) {
      current = p;
      changed();
    },
    /** KSeF has changed since these were read: no kind counts as read whole until it is read again. */
    outdate() {
      for (const k of KINDS) Object.assign(kinds[k], { complete: false, proof: null });
      changed();
    },
    /** Count a payload that failed before extraction (bad envelope, too large). */
    reject(n = 1) {
      rejected += n;
      changed();
    },
    /** Start a full read of one kind: its pages collect apart and replace the kind when complete. */
    beginPass(kind: RecordKind) {
      pass[kind] = new Map();
    },
    endPass(kind: RecordKind, proof: Proof | null) {
      const collected = pass[kind];
      delete pass[kind];
      if (proof && collected) {
        maps[kind] = collected;
        Object.assign(kinds[kind], { complete: true, proof });
      }
      changed();
    },
    ingest(x: Extracted, meta: PageMeta = { firstPage: null }) {
      captures++;
      rejected += x.rejected;
      for (const k of x.unrecognisedKeys) unrecognised.add(k);
      if (x.kind) {
        const k = x.kind;
        Object.assign(kinds[k], { pages: kinds[k].pages + 1, hasMore: x.hasMore, readAt: now() });
        if (x.total !== null) kinds[k].total = x.total;
        // The first page saying nothing follows is the whole list: it replaces what earlier reads left.
        const whole = meta.firstPage === true && x.hasMore === false && !pass[k];
        if (whole) maps[k] = new Map();
        // A page of the list's own (not a page read by "check all"): the rows on screen now show these.
        if (!pass[k]) lastPage[k] = (x[k] as Rec[]).map(keyOf);
        for (const r of x[k] as Rec[]) {
          maps[k].set(keyOf(r), r);
          pass[k]?.set(keyOf(r), r);
        }
        const proof = whole
          ? 'first-page'
          : x.total !== null && !pass[k] && maps[k].size >= x.total
            ? 'total-reached'
            : null;
        if (proof) Object.assign(kinds[k], { complete: true, proof });
      }
      changed();
    },
  };
}
export type AuditSession = ReturnType<typeof createAuditSession>;
