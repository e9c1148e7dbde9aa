import type { Progress, Unproven } from '../audit/check-all';
import type { Classified, GrantLike } from '../audit/types';
import type { RecordKind } from '../ksef/endpoints';
import type { CompanyClaim } from '../audit/company';

/** What the visit of one AP page knows besides the audit: its company, the rows judged, "check all", changes. */
export interface VisitState {
  /** The company all claims name (null: none yet, or claims that disagree). */
  contextNip: string | null;
  /** Who said which company this page shows: its requests' token, the AP's header, the user. */
  companies: readonly CompanyClaim[];
  rowsOnly: { rows: number } | null;
  /** Rows on screen that no record of a whole-list read holds: the AP shows a list older than KSeF's. */
  staleRows: number;
  /** Classification of rows judged from their text (nothing captured). */
  rowAudit: { records: GrantLike[]; classified: Classified[] } | null;
  progress: Progress | null;
  checkResult: 'done' | 'cancelled' | 'failed' | 'budget' | 'unproven' | null;
  /** Records of the kinds read completely, with a proof of their end. */
  checkRecords: number;
  /** Kinds read page after page whose end could not be proved: why, and how many records were read. */
  checkUnproven: { kind: RecordKind; reason: Unproven; records: number }[];
  changes: { previousAt: number | null; added: number; removed: number; changed: number } | null;
  targets: RecordKind[];
  /** Answers the page forged to our own requests: nothing read on this visit is vouched for once there is one. */
  forged: number;
  /** When KSeF changed after this page's lists were read (a disconnect elsewhere); cleared by a full read. */
  outdatedAt: number | null;
  /** The company whose provider profile the audit now judges by (null: the options page's, no company yet). */
  profileFor: string | null;
}

/** A visit's state before anything is known. */
export const emptyVisit = (): VisitState => ({
  contextNip: null,
  companies: [],
  rowsOnly: null,
  rowAudit: null,
  progress: null,
  checkResult: null,
  changes: null,
  profileFor: null,
  outdatedAt: null,
  forged: 0,
  staleRows: 0,
  checkRecords: 0,
  checkUnproven: [],
  targets: [],
});
