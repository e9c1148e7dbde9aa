import { useEffect, useState } from 'preact/hooks';
import type { JobView } from '@/lib/messaging/protocol';
import { formatNip } from '@/lib/ksef/identifiers';
import { permissionLabel } from '@/lib/ksef/permission-info';
import { useI18n } from './i18n';
import { holderText } from './JobParts';
import type { PopupConnector } from '@/lib/pages/connectors';

type Receipt = NonNullable<JobView['receipt']>;

/** Save a receipt as the JSON the user keeps, named in the UI's language. */
export function saveReceipt(download: PopupConnector['download'], t: (key: string) => string, r: Receipt): void {
  download(`${t('fileReceipt')}-${r.jobId}.json`, 'application/json', JSON.stringify(r, null, 2));
}
type Item = Receipt['remaining'][number];

/**
 * A disconnect's receipt in plain words: whose KSeF and when, what the provider revoked, what the user removed
 * (each item as who holds it and what it allows), what is still there; the ids, operation numbers and codes
 * folded under "Szczegóły techniczne". JSON to keep, a printable page.
 */
export function ReceiptView({ job, download }: { job: JobView; download: PopupConnector['download'] }) {
  const { t, lang } = useI18n();
  const r = job.receipt!;
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Date.parse(r.residualAccessUntil) - now;
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB') : '—');
  const scopes = (list: readonly string[]) => list.map((scope) => permissionLabel(scope, lang)).join(', ');
  const what = (item: Item) =>
    item.holder
      ? `${holderText(item.holder, t)}: ${scopes(item.scopes)}`
      : `${t(`jobKind_${item.kind}`)}: ${scopes(item.scopes)}`;
  const byProvider = r.revokedByProvider?.items.filter((i) => i.outcome === 'revoked') ?? [];
  const tone =
    r.outcome === 'clean' ? 'ok' : r.outcome === 'unconfirmed' || r.outcome === 'cancelled' ? 'warn' : 'alarm';
  return (
    <div class="receipt" data-testid="receipt">
      <h3 class={`lead ${tone}`}>{t(`receiptOutcome_${r.outcome}`)}</h3>
      <p class="muted" data-testid="receipt-context">
        {t('receiptContext', [formatNip(r.contextNip), t(`env${r.environment}`), when(r.finishedAt)])}
      </p>
      <ul>
        <li data-testid="receipt-provider">
          {r.revokedByProvider === null
            ? t('receiptByProviderNotAsked', r.provider)
            : byProvider.length > 0
              ? t('receiptByProvider', [r.provider, String(byProvider.length)])
              : t('receiptByProviderNone', r.provider)}
        </li>
        <li data-testid="receipt-user">{t('receiptByUser', String(r.removedByUser.length))}</li>
        {r.removedByUser.map((x) => (
          <li key={x.item.id} class={x.ok ? 'item-done' : 'error'}>
            {what(x.item)} – {t(x.ok ? 'receiptItemDone' : 'receiptItemFailed')}
          </li>
        ))}
        {r.removedInAp.length > 0 && (
          <li data-testid="receipt-in-ap">{t('receiptInAp', String(r.removedInAp.length))}</li>
        )}
        {r.removedInAp.map((item) => (
          <li key={item.id} class="item-done">
            {what(item)}
          </li>
        ))}
        {r.remaining.length > 0 && (
          <li class="error" data-testid="receipt-remaining">
            {t('receiptRemaining', String(r.remaining.length))}
          </li>
        )}
        {r.remaining.map((item) => (
          <li key={item.id} class="error">
            {what(item)}
          </li>
        ))}
        {(r.unconfirmedBy ?? []).map((w) => (
          <li key={w} class="error" data-testid="receipt-unconfirmed" data-witness={w}>
            {t(
              `receiptUnconfirmed_${w.replace('-', '_')}`,
              r.verifiedKinds.map((k) => t(`kind_${k}`)).join(', ') || '—',
            )}
          </li>
        ))}
        {r.certificatesForOwner.length > 0 && (
          <li class="error">{t('receiptCertificates', String(r.certificatesForOwner.length))}</li>
        )}
        <li>{t('receiptVerified', when(r.verifiedAt))}</li>
        <li data-testid="receipt-residual">
          {left > 0
            ? t('receiptResidual', [
                when(r.residualAccessUntil),
                `${Math.floor(left / 60_000)}:${String(Math.floor((left % 60_000) / 1000)).padStart(2, '0')}`,
              ])
            : t('receiptResidualOver')}
        </li>
      </ul>
      <details class="tech" data-testid="receipt-technical">
        <summary>{t('technicalDetails')}</summary>
        <ul>
          <li>{t('receiptTechJob', [r.jobId, when(r.startedAt)])}</li>
          {r.removedByUser.map((x) => (
            <li key={x.item.id}>
              {t('receiptTechRemoval', [scopes(x.item.scopes), x.operation ?? '—', String(x.status ?? '—')])}
            </li>
          ))}
          {r.revokedByProvider?.items.map((i) => (
            <li key={i.id}>
              {t('receiptTechProviderItem', [i.kind, i.id, i.outcome, String(i.statusCode ?? i.errorCode ?? '—')])}
            </li>
          ))}
          {r.revokedByProvider?.statusAfter && (
            <li>
              {t('receiptProviderView', [
                t(`providerState_${r.revokedByProvider.statusAfter.state.replace(/-/g, '_')}`),
                String(r.revokedByProvider.statusAfter.ksefViewGrants ?? '—'),
                when(r.revokedByProvider.statusAfter.readAt),
              ])}
            </li>
          )}
          {r.providerWitness && (
            <li data-testid="receipt-witness">
              {t('receiptWitness', [String(r.providerWitness.grants ?? '—'), when(r.providerWitness.readAt)])}
            </li>
          )}
          <li>{t('receiptTechKinds', r.verifiedKinds.map((k) => t(`kind_${k}`)).join(', ') || '—')}</li>
        </ul>
      </details>
      <div class="actions">
        <button type="button" class="secondary" data-testid="receipt-json" onClick={() => saveReceipt(download, t, r)}>
          {t('receiptJson')}
        </button>
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t('receiptPrint')}
        </button>
      </div>
    </div>
  );
}
