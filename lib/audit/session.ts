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
/**
 * Records of one kind a visit keeps. A page that posts more (a real list far beyond any company's, or a flood
 * of made-up records) is not kept past it, and that kind is then never "read whole" on this visit.
 */
export const MAX_RECORDS_PER_KIND = 50_000;
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
  /** Records not kept because the visit already holds `MAX_RECORDS_PER_KIND` of this kind. */
  dropped: number;
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
  opts: { listsGrants: boolean | (() => boolean); now?: () => number } = { listsGrants: true },
) {
  const now = opts.now ?? Date.now;
  const maps = Object.fromEntries(KINDS.map((k) => [k, new Map<string, unknown>()])) as Record<
    RecordKind,
    Map<string, unknown>
  >;
  const kinds = Object.fromEntries(
    KINDS.map((k) => [
      k,
      { pages: 0, hasMore: null, complete: false, proof: null, total: null, readAt: null, dropped: 0 },
    ]),
  ) as Record<RecordKind, KindState>;
  const pass: Partial<Record<RecordKind, Map<string, unknown>>> = {};
  const passDropped = new Set<RecordKind>();
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
    const lists = typeof opts.listsGrants === 'function' ? opts.listsGrants() : opts.listsGrants;
    return lists ? 'none' : 'not-listed';
  }

  function compute(): SessionSnapshot {
    const records = Object.fromEntries(KINDS.map((k) => [k, [...maps[k].values()]])) as SessionSnapshot['records'];
    return {
      records,
      lastPage: { ...lastPage },
      kinds: structuredClone(kinds),
      captures,
      rejected,
      unrecognisedKeys: [...unrecognised],
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
      passDropped.delete(kind);
    },
    endPass(kind: RecordKind, proof: Proof | null) {
      const collected = pass[kind];
      delete pass[kind];
      // A read that had to leave records out (past the cap) proves nothing.
      if (proof && collected && !passDropped.has(kind)) {
        maps[kind] = collected;
        Object.assign(kinds[kind], { complete: true, proof, dropped: 0 });
      }
      changed();
    },
    ingest(x: Extracted, meta: PageMeta = { firstPage: null }) {
      add(x, meta);
      changed();
    },
    /** Several pages at once (a burst of responses): one new audit for all of them. */
    ingestAll(pages: readonly (readonly [Extracted, PageMeta])[]) {
      for (const [x, meta] of pages) add(x, meta);
      if (pages.length > 0) changed();
    },
  };

  function add(x: Extracted, meta: PageMeta) {
    captures++;
    rejected += x.rejected;
    // At most 100 of them are kept (what a report shows).
    for (const k of x.unrecognisedKeys) if (unrecognised.size < 100) unrecognised.add(k);
    if (!x.kind) return;
    const k = x.kind;
    const state = kinds[k];
    Object.assign(state, { pages: state.pages + 1, hasMore: x.hasMore, readAt: now() });
    if (x.total !== null) state.total = x.total;
    // The first page saying nothing follows is the whole list: it replaces what earlier reads left.
    const whole = meta.firstPage === true && x.hasMore === false && !pass[k];
    if (whole) {
      maps[k] = new Map();
      state.dropped = 0;
    }
    // A page of the list's own (not a page read by "check all"): the rows on screen now show these.
    if (!pass[k]) lastPage[k] = (x[k] as Rec[]).map(keyOf);
    let fresh = 0;
    for (const r of x[k] as Rec[]) {
      const key = keyOf(r);
      if (!maps[k].has(key)) fresh++;
      // Past the cap a record is not kept, and the kind can no longer be read whole on this visit.
      if (maps[k].size >= MAX_RECORDS_PER_KIND && !maps[k].has(key)) state.dropped++;
      else maps[k].set(key, r);
      const collecting = pass[k];
      if (collecting && (collecting.size < MAX_RECORDS_PER_KIND || collecting.has(key))) collecting.set(key, r);
      else if (collecting) passDropped.add(k);
    }
    // Records the list read whole did not hold (a later page after a first page that said nothing follows, or
    // made up by the page): what was proved is no longer the whole list.
    if (!whole && !pass[k] && fresh > 0) Object.assign(state, { complete: false, proof: null });
    const proof =
      state.dropped > 0
        ? null
        : whole
          ? 'first-page'
          : x.total !== null && !pass[k] && maps[k].size >= x.total
            ? 'total-reached'
            : null;
    if (proof) Object.assign(state, { complete: true, proof });
  }
}
export type AuditSession = ReturnType<typeof createAuditSession>;
