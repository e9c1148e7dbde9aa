import type { ApTabState } from '@/lib/messaging/protocol';
import type { PopupConnector } from '@/lib/pages/connectors';
import { leadOf } from '@/lib/audit/lead';
import { plural, type I18n } from '@/lib/i18n';

type ProviderSaid = Awaited<ReturnType<PopupConnector['providerStatus']>>;

/**
 * The popup's first words: one sentence about the company the AP tab shows (healthy, leftovers, risks, or not
 * checked yet) with the step that fits, styled by what it says: success as success, leftovers as an alarm.
 */
export function Lead({
  counts,
  page,
  provider,
  company,
  i18n,
}: {
  counts: ApTabState['counts'];
  /** What the AP tab shows. */
  page: ApTabState['page'];
  provider: ProviderSaid | null;
  /** The company as the popup names it: its name at the provider and its NIP, or the NIP alone. */
  company: string;
  i18n: I18n;
}) {
  const lead = leadOf(counts, provider?.status ?? null, page === 'permissions');
  const text = lead.count === undefined ? i18n.t(lead.key, company) : plural(i18n, lead.key, lead.count, [company]);
  return (
    <p class={`lead ${lead.tone}`} data-testid="popup-lead" data-tone={lead.tone} data-next={lead.next ?? ''}>
      {text}
    </p>
  );
}
