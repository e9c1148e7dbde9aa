import type { Audit, CardItem, ScopeState } from '@/lib/audit/card';
import { registryHolders } from '@/lib/provider/registry-holders';
import { formatNip } from '@/lib/ksef/identifiers';
import type { SessionSnapshot } from '@/lib/audit/session';
import { permissionLabel } from '@/lib/ksef/permission-info';
import { useI18n } from './i18n';

/** The integration card: provider, expected scopes ✓/✗, leftovers and risks with reasons and what to do. */
export const flagKey = (f: string) => `flag_${f.replaceAll('-', '_')}`;

type ShownScope = { scope: string; present: boolean; state?: ScopeState };

/**
 * The scopes the integration needs (the panel's card and the report viewer): ✓ present, ✗ missing only where the
 * whole list was read, otherwise not yet checked, or not on this page. A report from before `state` says present
 * or missing.
 */
export function ExpectedScopes({ expected }: { expected: readonly ShownScope[] }) {
  const { t, lang } = useI18n();
  return (
    <ul class="scopes" aria-label={t('cardExpected')} data-testid="expected">
      {expected.map((e) => {
        const state = e.state ?? (e.present ? 'present' : 'missing');
        return (
          <li key={e.scope} class={SCOPE_CLASS[state]} data-present={e.present ? 'true' : 'false'} data-state={state}>
            <span aria-hidden="true">{SCOPE_MARK[state]}</span> {permissionLabel(e.scope, lang)}: {t(SCOPE_TEXT[state])}
          </li>
        );
      })}
    </ul>
  );
}

const SCOPE_CLASS: Record<ScopeState, string> = {
  present: 'ok',
  missing: 'missing',
  unchecked: 'unchecked',
  'not-listed': 'unchecked',
};
const SCOPE_MARK: Record<ScopeState, string> = { present: '✓', missing: '✗', unchecked: '?', 'not-listed': '–' };
const SCOPE_TEXT: Record<ScopeState, string> = {
  present: 'cardPresent',
  missing: 'cardMissing',
  unchecked: 'cardUnchecked',
  'not-listed': 'cardNotListed',
};

function Item({ item, records, advise }: { item: CardItem; records: SessionSnapshot['records']; advise: boolean }) {
  const { t, lang } = useI18n();
  const scopes = item.scopes.map((s) => permissionLabel(s, lang)).join(', ');
  const name =
    item.kind === 'token'
      ? records.tokens.find((x) => x.referenceNumber === item.id)?.description
      : item.kind === 'certificate'
        ? records.certificates.find((x) => x.certificateSerialNumber === item.id)?.name
        : undefined;
  const reasons = item.flags.filter((f) => f !== 'provider').map((f) => t(flagKey(f)));
  const advice =
    item.kind === 'certificate'
      ? t('adviceCertificate')
      : item.kind === 'token'
        ? t('adviceToken')
        : item.verdict === 'leftover'
          ? t('adviceLeftover')
          : t('adviceRisk');
  return (
    <li class={`item ${item.verdict}`} data-verdict={item.verdict} data-kind={item.kind}>
      <span class="item-what">{name ?? scopes}</span>
      {name && scopes && <span class="item-scopes"> · {scopes}</span>}
      {reasons.length > 0 && <span class="item-why"> ({reasons.join(', ')})</span>}
      {advise && item.verdict !== 'integration' && <span class="item-advice">{advice}</span>}
    </li>
  );
}

/**
 * `outdated`: KSeF changed after this was read (a disconnect in another tab). What was found then is shown as
 * such, without telling the user to remove any of it: it may be gone already.
 */
export function AuditCard({
  audit,
  snapshot,
  outdated = false,
}: {
  audit: Audit;
  snapshot: SessionSnapshot;
  outdated?: boolean;
}) {
  const { t } = useI18n();
  const card = audit.card;
  if (!card)
    return (
      <>
        <RegistryHolders audit={audit} snapshot={snapshot} />
        <p class="note" data-testid="no-profile">
          {t('noProfile')}
        </p>
      </>
    );
  const leftovers = card.items.filter((i) => i.verdict === 'leftover');
  const risks = card.items.filter((i) => i.verdict === 'risk');
  const mine = card.items.filter((i) => i.verdict === 'integration');
  return (
    <div class="card" data-testid="card">
      <p class="card-provider">
        <strong>{t('cardProvider', [card.name, card.nips.map(formatNip).join(', ')])}</strong>
        <span class={`state ${card.state}`}>{t(`cardState_${card.state}`)}</span>
      </p>
      {card.expected.length > 0 && <ExpectedScopes expected={card.expected} />}
      {card.items.length === 0 && audit.coverage === 'complete' && (
        <p class="note" data-testid="nothing-left">
          {t('cardNothingLeft')}
        </p>
      )}
      {card.items.length === 0 && audit.coverage === 'partial' && (
        <p class="note" data-testid="nothing-seen">
          {t('cardNothingSeen')}
        </p>
      )}
      {leftovers.length > 0 && (
        <section class="group leftover" data-testid="leftovers">
          <h3>{t(outdated ? 'cardLeftoversBefore' : 'cardLeftovers', String(leftovers.length))}</h3>
          <ul>
            {leftovers.map((i) => (
              <Item key={i.id} item={i} records={snapshot.records} advise={!outdated} />
            ))}
          </ul>
        </section>
      )}
      {risks.length > 0 && (
        <section class="group risk" data-testid="risks">
          <h3>{t(outdated ? 'cardRisksBefore' : 'cardRisks', String(risks.length))}</h3>
          <ul>
            {risks.map((i) => (
              <Item key={i.id} item={i} records={snapshot.records} advise={!outdated} />
            ))}
          </ul>
        </section>
      )}
      {mine.length > 0 && (
        <p class="note" data-testid="integration-count">
          {t('cardIntegrationItems', String(mine.length))}
        </p>
      )}
    </div>
  );
}

/** Without a provider set up: the known services (lib/provider/registry.ts) holding grants in what was read. */
function RegistryHolders({ audit, snapshot }: { audit: Audit; snapshot: SessionSnapshot }) {
  const { t, lang } = useI18n();
  const holders = registryHolders(snapshot.records.grants);
  if (holders.length === 0) return null;
  return (
    <div class="card" data-testid="registry-holders">
      <p class="card-provider">
        <strong>{t(audit.coverage === 'complete' ? 'registryHolders' : 'registryHoldersPartial')}</strong>
      </p>
      <ul>
        {holders.map((h) => (
          <li key={h.id} data-holder={h.id}>
            {t('registryHolder', [
              h.name,
              h.nips.map(formatNip).join(', '),
              h.scopes.map((s) => permissionLabel(s, lang)).join(', '),
            ])}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Others({ snapshot }: { snapshot: SessionSnapshot }) {
  const { t } = useI18n();
  const others = snapshot.records.grants.filter((_, i) => snapshot.audit.grants[i]?.verdict === 'other');
  if (others.length === 0) return null;
  const persons = others.filter((g) => g.authorizedIdentifier.type !== 'Nip').length;
  return (
    <details class="others" data-testid="others">
      <summary>{t('othersTitle')}</summary>
      <p class="note">{t('othersExplain')}</p>
      <ul>
        <li>{t('othersPersons', String(persons))}</li>
        <li>{t('othersEntities', String(others.length - persons))}</li>
      </ul>
    </details>
  );
}
