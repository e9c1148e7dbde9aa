import { useEffect, useRef } from 'preact/hooks';
import { permissionLabel } from '@/lib/ksef/permission-info';
import { formatNip } from '@/lib/ksef/identifiers';
import { useI18n } from './i18n';
import type { TourView } from '@/lib/content/tour';

/**
 * The step of a guided tour, in the panel: what to do, where (the AP's control is outlined and focused), and
 * what to do when the control cannot be found. Keyboard: the AP's control has the focus; Skip and Close are
 * ordinary buttons.
 */
export function TourCard({ view, onSkip, onClose }: { view: TourView; onSkip: () => void; onClose: () => void }) {
  const { t, lang } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (view.finished) heading.current?.focus();
  }, [view.finished]);
  const who = view.row ? (view.row.type === 'Nip' ? formatNip(view.row.value) : view.row.value) : '';
  const provider = view.provider || t('tourProviderFallback');
  const text = view.finished
    ? view.tour === 'remove-leftovers' && view.left >= 0
      ? view.left === 0
        ? t('tourDoneClean', provider)
        : t('tourDoneLeft', [provider, String(view.left)])
      : t(`tourDone_${view.tour.replace('-', '_')}`, provider)
    : view.kind === 'rows' && view.left === -2
      ? t('tourCannotJudge', provider)
      : view.kind === 'rows' && view.left < 0
        ? t(view.onList ? 'tourWaitOnList' : 'tourWaitList')
        : !view.found
          ? t('tourMissing', view.label)
          : t(view.kind === 'rows' && view.how !== 'button' ? `tour_${view.id}_${view.how}` : `tour_${view.id}`, [
              who,
              view.row ? permissionLabel(view.row.scope, lang) : '',
              String(view.left),
            ]);
  // Success as success, a step to take as a step, and only what went wrong as a warning.
  // Removing leftovers is a success only where the list was judged and holds none of them.
  const tone = view.finished
    ? view.tour !== 'remove-leftovers' || view.left === 0
      ? 'ok'
      : view.left > 0
        ? 'warn'
        : 'step'
    : view.found || (view.kind === 'rows' && view.left < 0)
      ? 'step'
      : 'warn';
  return (
    <section class="tour" data-tone={tone} data-testid="tour" aria-labelledby="tour-heading">
      <h3 id="tour-heading" class="tour-head" tabIndex={-1} ref={heading}>
        {view.finished ? t('tourFinished') : t('tourStepOf', [String(view.step + 1), String(view.total)])}
      </h3>
      <p
        class="tour-text"
        role="status"
        aria-live="polite"
        data-testid="tour-text"
        data-step={view.id}
        data-found={String(view.found)}
      >
        {text}
      </p>
      <p class="tour-actions">
        {!view.finished && (
          <button type="button" data-testid="tour-skip" onClick={onSkip}>
            {t('tourSkip')}
          </button>
        )}
        <button type="button" data-testid="tour-close" onClick={onClose}>
          {view.finished ? t('tourClose') : t('tourEnd')}
        </button>
      </p>
    </section>
  );
}
