import type { PageWatch } from './page-watch';
import { clearMarks, onlyOurs, placeMark, type MarkVerdict } from '@/lib/ap/marks';
import { readRows } from '@/lib/ap/rows';
import type { ApPageKind } from '@/lib/ap/pages';
import type { Target } from '@/lib/audit/check-all';
import { targetOf } from '@/lib/audit/paging';
import { auditReport } from '@/lib/audit/summary';
import { changeCounts } from '@/lib/audit/diff';
import { matchRows, recordsFromRows } from '@/lib/audit/rows';
import { createAuditSession, type AuditSession } from '@/lib/audit/session';
import { classifyGrants } from '@/lib/audit/classify';
import type { RemovableItem } from '@/lib/audit/remove';
import type { DisconnectProfile, OwnerCertificate } from '@/lib/audit/leftovers';
import type { PanelTools } from './panel-tools';
import type { Classified, GrantLike } from '@/lib/audit/types';
import type { KsefEnvironment } from '@/lib/ksef/environments';
import type { RecordKind } from '@/lib/ksef/endpoints';
import type { Transport } from '@/lib/messaging/client-core';
import { sendFromContent } from '@/lib/messaging/content-client';
import type { CaptureStore, Capture } from '@/lib/content/capture';
import type { I18n } from '../i18n';
import { createCheckAllRun } from './check-all-run';
import { createIngestQueue } from './ingest-queue';
import { markListRows, shownPage } from './shown-page';
import { withClaim, type CompanySource } from '../audit/company';
import { headerCompanies } from '../ap/context';
import { emptyVisit, type VisitState } from './visit-state';

export type { VisitState } from './visit-state';

export interface Controller {
  session: AuditSession;
  /** Which AP page this is: the list it shows (lib/ap/lists.ts), else what its URL suggests. */
  page: () => ApPageKind | 'other';
  visit: { snapshot: () => VisitState; subscribe: (l: () => void) => () => void };
  startCheckAll: () => void;
  /** For a verified disconnect: read everything again, then what of the provider's is still there. */
  reread: (
    profile: DisconnectProfile,
  ) => Promise<{ complete: RecordKind[]; leftovers: RemovableItem[]; ownerCertificates: OwnerCertificate[] }>;
  cancelCheckAll: () => void;
  /**
   * The user named the company this page shows (the page could not say): judged by the provider's word on it
   * from now on. Refused when the page already shows another.
   */
  nameCompany: (contextNip: string) => Promise<{ accepted: boolean; contextNip: string | null }>;
  /** The provider's word on this page's company changed, or (`ksef`) KSeF did: judge again, the lists are outdated. */
  changed: (contextNip: string, ksef: boolean) => Promise<{ ok: boolean }>;
}

/** How long rows wait for the page's KSeF response before they are judged from their text alone. */
export const ROW_GRACE_MS = 250;
/** Up to this many grants, rows are re-marked in the same task as the audit that changed them. */
const INLINE_MARK_LIMIT = 2000;

export function createController(opts: {
  environment: KsefEnvironment;
  /** The page its URL suggests: a hint, where the page does not show which list it is. */
  route: ApPageKind | 'other';
  store: CaptureStore;
  transport: Transport;
  i18n: I18n;
  signal: AbortSignal;
  doc: Document;
  /** The visit's one observer of the page. */
  watch: PageWatch;
  /** "Check all"'s paging engine and the leftovers of a read (they travel in the panel's bundle). */
  tools: () => Promise<PanelTools | null>;
}): Controller {
  const { environment, store, transport, i18n, signal, doc, watch } = opts;
  const page = shownPage(doc, watch, opts.route, signal);
  const judgeRows = () => page() === 'permissions'; // rows are judged from their text only there
  const session = createAuditSession({ contextNip: '', environment }, null, { listsGrants: judgeRows });
  const targets = new Map<RecordKind, Target>();
  let visit: VisitState = emptyVisit();
  const listeners = new Set<() => void>();
  const update = (patch: Partial<VisitState>) => {
    visit = { ...visit, ...patch };
    for (const l of listeners) l();
  };

  const askProfile = (contextNip: string | null) =>
    sendFromContent(transport, 'content→background:audit.profile', { environment, contextNip })
      .then((r) => {
        // An answer for a company the visit no longer names (claims came or disagreed meanwhile) is dropped.
        if (signal.aborted || contextNip !== visit.contextNip) return;
        session.setProfile(r.profile ? { ...r.profile } : null);
        if (contextNip) update({ profileFor: contextNip });
      })
      .catch(() => undefined);

  /** One more word on the company; the visit's company is the one all of them name. */
  const claim = (nip: string, source: CompanySource) => {
    const next = withClaim(visit, { nip, source });
    if (!next) return;
    const before = visit.contextNip;
    update(next);
    if (visit.contextNip !== before) {
      void askProfile(visit.contextNip);
      scheduleMark(0);
    }
    scheduleReport();
  };
  const queue = createIngestQueue({
    signal,
    // Where each kind's list pages, learned from the page's own latest request of it, for "check all".
    seen: (m, kind) => {
      const known = targets.has(kind);
      targets.set(kind, targetOf(kind, m.url, targets.get(kind), m.request));
      if (!known) update({ targets: [...targets.keys()] });
    },
    judge: (batch) => session.ingestAll(batch),
    reject: () => session.reject(),
  });
  const ingest = (c: Capture) => {
    const m = c.message;
    if (m.context) claim(m.context, 'token');
    if (!m.replayId) queue.push(m);
  };

  // Marks: re-applied when the audit changes or the AP re-renders its rows.
  let marking = false;
  const labels = (verdict: MarkVerdict) => {
    const name = session.snapshot().profile?.name ?? '';
    return { label: i18n.t(`mark_${verdict}`), title: i18n.t(`markTitle_${verdict}`, name) };
  };
  let rowsSeenAt: number | null = null;
  const mark = () => {
    marking = true;
    try {
      const snap = session.snapshot();
      let records: readonly GrantLike[] = snap.records.grants;
      let classified: readonly Classified[] = snap.audit.grants;
      // Rows are judged from their text only when nothing came from KSeF (nor is still being read), and only
      // after the page's own response has had a moment to arrive: it usually lands just after the rows.
      const nothingCaptured = snap.captures === 0 && store.snapshot().captures.length === 0;
      const judging = judgeRows();
      if (judging && nothingCaptured) {
        rowsSeenAt ??= performance.now();
        const wait = rowsSeenAt + ROW_GRACE_MS - performance.now();
        if (wait > 0) return scheduleMark(wait);
      }
      for (const nip of headerCompanies(doc)) claim(nip, 'header');
      // Grants are marked on the list of grants only (a token row can show a NIP and permissions too).
      const rows = judging ? readRows(doc) : [];
      clearMarks(doc);
      if (judging && nothingCaptured && rows.length > 0) {
        records = recordsFromRows(rows);
        const judged = classifyGrants(records, snap.profile, { contextNip: visit.contextNip ?? '', environment });
        classified = judged.records;
        const changed =
          visit.rowsOnly?.rows !== rows.length ||
          visit.rowAudit?.classified.some((c, i) => c.verdict !== classified[i]?.verdict) === true;
        if (changed) {
          update({ rowsOnly: { rows: rows.length }, rowAudit: { records: [...records], classified: [...classified] } });
          scheduleReport();
        }
      } else if (visit.rowsOnly) {
        update({ rowsOnly: null, rowAudit: null });
      }
      // Rows judged from their text are their own records; captured ones prefer the response that drew them.
      const onScreen = visit.rowAudit ? undefined : new Set(snap.lastPage.grants);
      const matched = matchRows(rows, records, classified, onScreen);
      // After a whole-list read (say, a disconnect's), rows with nothing behind them are the AP's older list.
      const stale =
        snap.kinds.grants.complete && !visit.rowAudit
          ? rows.filter((r, i) => !matched[i] && r.identifiers.length > 0 && r.scopes.length > 0).length
          : 0;
      if (stale !== visit.staleRows) update({ staleRows: stale });
      rows.forEach((row, i) => {
        const c = matched[i];
        if (c && c.verdict !== 'other') placeMark(row.element, c.verdict, labels(c.verdict));
      });
      markListRows(doc, page(), snap, labels);
    } finally {
      marking = false;
    }
  };

  let markTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleMark = (ms = 0) => {
    clearTimeout(markTimer);
    markTimer = setTimeout(mark, ms);
  };
  const stopWatching = watch.subscribe((mutations) => {
    if (!marking && !onlyOurs(mutations)) scheduleMark();
  });

  // Report to the background: counts for the badge; items for the history once a full read is done.
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    const { counts, items } = auditReport(session.snapshot(), visit.rowAudit?.classified ?? null);
    sendFromContent(transport, 'content→background:audit.report', {
      environment,
      contextNip: visit.contextNip,
      companies: [...visit.companies],
      counts,
      items,
    })
      .then((r) => {
        if (items && !signal.aborted) update({ changes: changeCounts(r) });
      })
      .catch(() => undefined);
  };
  function scheduleReport() {
    clearTimeout(reportTimer);
    reportTimer = setTimeout(report, 400);
  }
  // A new audit re-marks the rows at once; a large one in a task of its own (long-task budget).
  const offSession = session.subscribe(() => {
    // Read whole again (the AP's list reloaded, or "check all"): no longer outdated.
    if (visit.outdatedAt && session.snapshot().kinds.grants.complete) update({ outdatedAt: null });
    if (session.snapshot().records.grants.length > INLINE_MARK_LIMIT) scheduleMark(0);
    else {
      clearTimeout(markTimer);
      mark();
    }
    scheduleReport();
  });
  void askProfile(null);
  for (const c of store.snapshot().captures) ingest(c);
  const offCapture = store.onCapture(ingest);
  scheduleMark(0);

  signal.addEventListener('abort', () => {
    offCapture();
    offSession();
    stopWatching();
    clearTimeout(markTimer);
    clearTimeout(reportTimer);
    clearMarks(doc);
  });

  const checkAllRun = createCheckAllRun({
    targets: () => [...targets.values()],
    engine: () => opts.tools().then((t) => t?.readWhole ?? null),
    store,
    session,
    signal,
    update,
    lastState: () => visit.progress?.state,
  });

  /** For a verified disconnect: read everything again, then what of the provider's is still there. */
  const reread = async (profile: DisconnectProfile) => {
    // The provider's word has changed (it has revoked): the panel's own profile follows.
    await askProfile(visit.contextNip);
    // Nothing from KSeF on this page (its list is rendered by the AP's server): the visible rows are what can
    // be read; the receipt says that this is what was checked.
    const tools = await opts.tools();
    if (!tools) throw new Error('the panel bundle cannot be had');
    if (targets.size === 0) {
      const rows = judgeRows() ? readRows(doc) : [];
      const complete: RecordKind[] = rows.length > 0 ? ['rows' as RecordKind] : [];
      return { complete, leftovers: tools.rowLeftovers(rows, profile.providerNips), ownerCertificates: [] };
    }
    const read = await checkAllRun.readAll();
    // Answers the page forged to our requests: what this session read cannot witness anything.
    const complete = store.snapshot().forged === 0 ? read : [];
    const found = tools.leftoversOf(session.snapshot().records, profile, {
      contextNip: visit.contextNip ?? '',
      environment,
    });
    return { complete, ...found };
  };

  return {
    session,
    page,
    visit: {
      snapshot: () => visit,
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    startCheckAll: checkAllRun.start,
    reread,
    cancelCheckAll: checkAllRun.cancel,
    changed: async (contextNip, ksef) => {
      if (contextNip !== visit.contextNip) return { ok: false };
      if (ksef) {
        session.outdate();
        update({ outdatedAt: Date.now() });
      }
      await askProfile(contextNip);
      return { ok: true };
    },
    // The user's word counts only where the page names no other company (nor two).
    nameCompany: async (contextNip) => {
      if (visit.companies.some((c) => c.nip !== contextNip)) return { accepted: false, contextNip: visit.contextNip };
      claim(contextNip, 'user');
      await askProfile(contextNip);
      return { accepted: true, contextNip };
    },
  };
}
