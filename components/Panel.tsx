import { useState } from 'preact/hooks';
import type { ApLocation } from '@/lib/ap/pages';
import type { CaptureSnapshot } from '@/lib/messaging/page-bridge';
import { useI18n } from './i18n';
import { useStore, type Subscribable } from './useStore';

export interface PanelProps {
  location: ApLocation;
  captures: Subscribable<CaptureSnapshot>;
}

/** The panel shown on AP pages, in a shadow root. The audit fills it in; for now it shows what was read. */
export function Panel({ location, captures }: PanelProps) {
  const { t } = useI18n();
  const snap = useStore(captures);
  const [open, setOpen] = useState(true);
  const count = snap.captures.length;

  return (
    <section class="panel" data-testid="panel" aria-label={t('panelTitle')} data-open={open ? 'true' : 'false'}>
      <header class="panel-head">
        <h2 class="panel-title">{t('panelTitle')}</h2>
        <span class="env" data-testid="panel-env" title={t(`env${location.environment}`)}>
          {location.environment}
        </span>
        <button
          type="button"
          class="toggle"
          aria-expanded={open}
          data-testid="panel-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? t('panelCollapse') : t('panelExpand')}
        </button>
      </header>
      {open && (
        <div class="panel-body">
          <p class="status" role="status" data-testid="capture">
            {count === 0 ? (
              <>
                <span class="spinner" aria-hidden="true" />
                {t('panelWaiting')}
              </>
            ) : (
              t('panelResponses', String(count))
            )}
          </p>
          {snap.rejected > 0 && (
            <p class="note warn" data-testid="rejected">
              {t('panelRejected', String(snap.rejected))}
            </p>
          )}
          {snap.skipped > 0 && <p class="note">{t('panelSkipped', String(snap.skipped))}</p>}
          <p class="note">{t('panelPage', t(`page_${location.page}`))}</p>
        </div>
      )}
    </section>
  );
}
