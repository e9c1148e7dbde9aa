import type { VisitState } from '@/lib/content/audit-controller';
import { plural } from '@/lib/i18n';
import { useI18n } from './i18n';

/** "Check all" with its progress: what is read, how long it waits and why, a way to stop. */
export function CheckAllBar({
  visit,
  onStart,
  onCancel,
}: {
  visit: VisitState;
  onStart: () => void;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const p = visit.progress;
  const running = p !== null;
  let line = '';
  if (p?.state === 'reading') line = t('checkAllReading', [t(`kind_${p.kind}`), String(p.page + 1), String(p.records)]);
  else if (p?.state === 'pacing') line = t('checkAllPacing', String(Math.ceil((p.waitMs ?? 0) / 1000)));
  else if (p?.state === 'rate-limited') line = t('checkAllLimited', String(Math.ceil((p.waitMs ?? 0) / 1000)));
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
          <progress aria-label={t('checkAll')} />
          <p role="status" class="note" data-testid="check-all-progress">
            {line}
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
              ? t('checkAllCancelled')
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
