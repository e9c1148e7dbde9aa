import type { RecordKind } from '../ksef/endpoints';
import { companyOf, type Company, type CompanyClaim } from './company';
import { KINDS, type SessionSnapshot, type WholeProof } from './session';

/**
 * The evidence record of one AP visit (docs/architecture.md §4a): for each kind of record, how far it was read
 * and how that is known, and whose records they are. What the extension says of a visit (the card, the badge,
 * the popup's counts, the history, the diagnostic report) is computed from the same session state this reads.
 */
export interface KindEvidence {
  kind: RecordKind;
  /** `complete` only with a proof; `partial` when some of it was read (or only the rows on screen). */
  coverage: 'none' | 'partial' | 'complete';
  pages: number;
  /** Distinct records read. */
  records: number;
  /** The total the list states, where it states one. */
  total: number | null;
  proof: WholeProof | null;
  /** KSeF's responses the page received, or only the rows the AP showed (its list rendered on its server). */
  source: 'responses' | 'rows' | null;
  /** When a page of it was last read (ms since the epoch). */
  readAt: number | null;
  /** Records read but not kept: the visit already held as many of this kind as it keeps. */
  dropped?: number;
}

export interface Evidence {
  /** Whose records: the company every claim names, with where each claim came from. */
  company: Company & { claims: CompanyClaim[] };
  kinds: KindEvidence[];
  /** KSeF changed after these were read (a disconnect in another tab): nothing counts as read whole. */
  outdatedAt: number | null;
}

export function evidenceOf(
  snap: SessionSnapshot,
  visit: {
    companies: readonly CompanyClaim[];
    rowAudit: { records: readonly unknown[] } | null;
    outdatedAt: number | null;
  },
): Evidence {
  const kinds = KINDS.map((kind): KindEvidence => {
    const k = snap.kinds[kind];
    // Rows judged from their text: what the AP showed, never the whole list.
    if (kind === 'grants' && visit.rowAudit)
      return {
        kind,
        coverage: visit.rowAudit.records.length > 0 ? 'partial' : 'none',
        pages: 0,
        records: visit.rowAudit.records.length,
        total: null,
        proof: null,
        source: 'rows',
        readAt: null,
      };
    return {
      kind,
      coverage: k.complete ? 'complete' : k.pages > 0 ? 'partial' : 'none',
      pages: k.pages,
      records: snap.records[kind].length,
      total: k.total,
      proof: k.complete ? k.proof : null,
      source: k.pages > 0 ? 'responses' : null,
      readAt: k.readAt,
      ...(k.dropped > 0 ? { dropped: k.dropped } : {}),
    };
  });
  return {
    company: { ...companyOf(visit.companies), claims: [...visit.companies] },
    kinds,
    outdatedAt: visit.outdatedAt,
  };
}
