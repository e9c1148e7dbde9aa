import { useEffect, useRef, useState } from 'preact/hooks';
import type { VisitState } from '@/lib/content/audit-controller';
import type { RecordKind } from '@/lib/ksef/endpoints';
import { PACE, PAGE_SIZE } from '@/lib/audit/check-all';
import { plural } from '@/lib/i18n';
import { useI18n } from './i18n';

/** The seconds left of a wait that began at `since`, told again every second while it lasts. */
function useCountdown(waitMs: number | undefined, since: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!waitMs) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitMs, since]);
  return waitMs ? Math.max(0, Math.ceil((since + waitMs - now) / 1000)) : 0;
}

/**
 * "Check all" with its progress: what is read so far, in records of the list (KSeF's pages of 100 are not the
 * AP's pages), how long it still waits and why, counting down, a way to stop, and after stopping what was read.
 */
export function CheckAllBar({
  visit,
  read,
  onStart,
  onCancel,
}: {
  visit: VisitState;
  /** What the session holds of each list being read, and the total the list states (null: it states none). */
  read: { kind: RecordKind; records: number; total: number | null }[];
  onStart: () => void;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const p = visit.progress;
  const running = p !== null;
  // When the wait in this progress began (a new progress is a new wait): its countdown runs from there.
  const began = useRef<{ p: typeof p; at: number }>({ p: null, at: 0 });
  if (began.current.p !== p) began.current = { p, at: Date.now() };
  const since = began.current.at;
  const left = useCountdown(p?.state === 'pacing' || p?.state === 'rate-limited' ? p.waitMs : undefined, since);
  const readText = read.map((r) => `${t(`kind_${r.kind}`)}: ${r.records}`).join(', ');
  // Where the list states its total: how far along, and the time left at KSeF's pace (requests of 100 records).
  const total = p ? (read.find((r) => r.kind === p.kind)?.total ?? null) : null;
  const sofar = p ? (total !== null ? t('checkAllOf', [String(p.records), String(total)]) : String(p.records)) : '';
  const minutes =
    p && total !== null ? Math.ceil(Math.ceil(Math.max(0, total - p.records) / PAGE_SIZE) / PACE.perMinute) : null;
  let line = '';
  if (p?.state === 'reading') line = t('checkAllReading', [t(`kind_${p.kind}`), sofar]);
  else if (p?.state === 'pacing') line = t('checkAllPacing', [String(left), t(`kind_${p.kind}`), sofar]);
  else if (p?.state === 'rate-limited') line = t('checkAllLimited', String(left));
  const result = visit.checkResult;
  return (
    <div class="check" data-testid="check-all">
      {!running && (
        <button
          type="button"
          class="primary"
          onClick={onStart}
          disabled={visit.targets.length === 0}
          data-testid="check-all-start"
        >
          {t('checkAll')}
        </button>
      )}
      {!running && visit.targets.length === 0 && <span class="note">{t('checkAllNeedsList')}</span>}
      {running && (
        <>
          {/* How far along where the list states its total; otherwise only that it is under way. */}
          {p && total !== null ? (
            <progress aria-label={t('checkAll')} value={Math.min(p.records, total)} max={total} />
          ) : (
            <progress aria-label={t('checkAll')} />
          )}
          <p role="status" class="note" data-testid="check-all-progress">
            {line}
          </p>
          <p class="note" data-testid="check-all-pace">
            {minutes !== null
              ? t('checkAllTimeLeft', [String(Math.max(1, minutes)), String(PACE.perMinute)])
              : t('checkAllPace', [String(PACE.perMinute), String(PACE.perMinute * PAGE_SIZE)])}
          </p>
          <button type="button" onClick={onCancel} data-testid="check-all-cancel">
            {t('checkAllCancel')}
          </button>
        </>
      )}
      {!running && result && (
        <p role="status" class={`note ${result === 'done' ? '' : 'warn'}`} data-testid="check-all-result">
          {result === 'done'
            ? plural(i18n, 'checkAllDone', visit.checkRecords)
            : result === 'cancelled'
              ? t('checkAllCancelled', readText || '0')
              : result === 'budget'
                ? t('checkAllBudget')
                : result === 'unproven'
                  ? t('checkAllUnproven')
                  : t('checkAllFailed', visit.targets.map((k) => t(`kind_${k}`)).join(', '))}
        </p>
      )}
      {!running &&
        visit.checkUnproven.map((u) => (
          <p key={u.kind} class="note warn" data-testid="check-all-unproven" data-reason={u.reason}>
            {t(u.reason === 'no-new-records' ? 'checkAllNoPaging' : 'checkAllNoEnd', [
              t(`kind_${u.kind}`),
              String(u.records),
            ])}
          </p>
        ))}
    </div>
  );
}
