import { randomUUID } from 'node:crypto';
import { PROVIDER, USER } from '../people';
import { signerFor, signXml } from '../signer';
import { EXPECTED_SCOPES, type ProviderKsef, SessionExpired } from './ksef-side';
import type { AuthorizationRecord, Integration, ProviderStore, RevocationItem, RevocationRecord, Step } from './store';

/** The provider's long-running work: authorization after the user signs, revocation, and scenario seeding. */
const iso = (at: number) => new Date(at).toISOString();

function setStep(
  rec: AuthorizationRecord,
  step: Step,
  state: AuthorizationRecord['steps'][number]['state'],
  at: number,
  detail?: string,
) {
  const s = rec.steps.find((x) => x.step === step)!;
  s.state = state;
  s.at = iso(at);
  if (detail) s.detail = detail;
}

export const authorize = {
  async start(store: ProviderStore, ksef: ProviderKsef, i: Integration, now: number): Promise<AuthorizationRecord> {
    const { xml, challenge } = await ksef.api.unsignedRequest(i.contextNip);
    const rec: AuthorizationRecord = {
      id: randomUUID(),
      environment: i.environment,
      contextNip: i.contextNip,
      state: 'awaiting-signature',
      authTokenRequest: xml,
      challenge,
      createdAt: now,
      expiresAt: now + 10 * 60_000,
      steps: (['challenge', 'signature', 'authentication', 'grant', 'verification'] as Step[]).map((step) => ({
        step,
        state: 'pending',
      })),
    };
    setStep(rec, 'challenge', 'done', now);
    setStep(rec, 'signature', 'in-progress', now);
    store.authorizations.set(rec.id, rec);
    if (i.state === 'not-connected' || i.state === 'disconnected') {
      i.state = 'pending';
      i.updatedAt = now;
    }
    return rec;
  },

  /** Runs in the background after the signed file arrived. */
  continue(
    store: ProviderStore,
    ksef: ProviderKsef,
    i: Integration,
    rec: AuthorizationRecord,
    xml: string,
    now: () => number,
  ): void {
    rec.state = 'authenticating';
    setStep(rec, 'signature', 'done', now());
    setStep(rec, 'authentication', 'in-progress', now());
    void (async () => {
      try {
        i.userSession = await ksef.api.loginWithSignedXml(xml);
        setStep(rec, 'authentication', 'done', now());
        rec.state = 'granting';
        setStep(rec, 'grant', 'in-progress', now());
        const existing = await ksef.providerGrantsAsUser(i);
        const missing = EXPECTED_SCOPES.filter((s) => !existing.some((g) => g.permissionScope === s));
        if (missing.length) {
          const r = await ksef.asUser<{ referenceNumber: string }>(i, 'POST', '/permissions/entities/grants', {
            subjectIdentifier: { type: 'Nip', value: PROVIDER.nip },
            permissions: missing.map((type) => ({ type, canDelegate: false })),
            description: `${PROVIDER.product} – integracja z KSeF`,
            subjectDetails: { fullName: PROVIDER.name },
          });
          if (r.status !== 202) throw new Error(`grant: HTTP ${r.status}`);
          const st = await ksef.waitAsUser(i, r.body.referenceNumber);
          if (st.code !== 200) throw new Error(`grant: ${st.code} ${st.description}`);
        }
        setStep(rec, 'grant', 'done', now());
        setStep(rec, 'verification', 'in-progress', now());
        let grants = await ksef.providerGrantsAsUser(i);
        for (let n = 0; n < 20 && EXPECTED_SCOPES.some((s) => !grants.some((g) => g.permissionScope === s)); n++) {
          await new Promise((r) => setTimeout(r, 500));
          grants = await ksef.providerGrantsAsUser(i);
        }
        i.footprint.grants = grants.map((g) => ({
          permissionId: g.id,
          scope: g.permissionScope,
          grantedAt: g.startDate,
        }));
        i.actingNips = [PROVIDER.nip];
        i.state = 'active';
        i.error = null;
        i.updatedAt = now();
        ksef.forgetView(i.contextNip);
        setStep(rec, 'verification', 'done', now());
        rec.state = 'completed';
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const step = rec.steps.find((s) => s.state === 'in-progress')?.step ?? 'authentication';
        setStep(rec, step, 'failed', now(), message);
        rec.state = 'failed';
        rec.error = { code: 'ksef-rejected', message, retryable: false };
        i.state = 'error';
        i.error = { code: 'ksef-rejected', message };
        i.updatedAt = now();
      }
    })();
  },
};

export const revoke = {
  start(store: ProviderStore, ksef: ProviderKsef, i: Integration, key: string, now: () => number): RevocationRecord {
    const items: RevocationItem[] = [
      ...i.footprint.grants.map((g) => ({
        kind: 'grant' as const,
        id: g.permissionId ?? g.scope,
        scope: g.scope,
        outcome: 'pending' as const,
      })),
      ...i.footprint.tokens.map((t) => ({
        kind: 'token' as const,
        id: t.referenceNumber,
        outcome: 'pending' as const,
      })),
    ];
    const rec: RevocationRecord = {
      id: randomUUID(),
      key,
      environment: i.environment,
      contextNip: i.contextNip,
      state: 'in-progress',
      startedAt: now(),
      items,
    };
    store.revocations.set(rec.id, rec);
    store.revocationsByKey.set(`${i.environment}:${i.contextNip}:${key}`, rec.id);
    i.state = 'disconnecting';
    i.updatedAt = now();
    void run(store, ksef, i, rec, now);
    return rec;
  },
};

async function run(store: ProviderStore, ksef: ProviderKsef, i: Integration, rec: RevocationRecord, now: () => number) {
  if (store.faults.sessionExpired) i.userSession = null;
  for (const [n, item] of rec.items.entries()) {
    if (store.faults.failHalfway && n >= Math.ceil(rec.items.length / 2)) {
      Object.assign(item, { outcome: 'failed', errorCode: 'ksef-unavailable', message: 'Przerwano w połowie.' });
      continue;
    }
    try {
      const path = item.kind === 'grant' ? `/permissions/common/grants/${item.id}` : `/tokens/${item.id}`;
      const r = await ksef.asUser<{ referenceNumber?: string }>(i, 'DELETE', path);
      if (item.kind === 'token') {
        Object.assign(
          item,
          r.status === 204
            ? { outcome: 'revoked', statusCode: 204 }
            : { outcome: 'failed', statusCode: r.status, errorCode: 'ksef-rejected' },
        );
        continue;
      }
      if (r.status !== 202) {
        Object.assign(item, { outcome: 'failed', statusCode: r.status, errorCode: 'ksef-rejected' });
        continue;
      }
      item.operationReferenceNumber = r.body.referenceNumber;
      const st = await ksef.waitAsUser(i, r.body.referenceNumber!);
      Object.assign(item, { statusCode: st.code, outcome: st.code === 200 ? 'revoked' : 'failed' });
      if (st.code !== 200) Object.assign(item, { errorCode: 'ksef-rejected', message: st.description });
    } catch (e) {
      const expired = e instanceof SessionExpired;
      Object.assign(item, {
        outcome: 'failed',
        errorCode: expired ? 'ksef-session-expired' : 'ksef-unavailable',
        message: (e as Error).message,
      });
    }
  }
  const revoked = rec.items.filter((x) => x.outcome === 'revoked').length;
  rec.state = revoked === rec.items.length ? 'completed' : revoked === 0 && rec.items.length > 0 ? 'failed' : 'partial';
  rec.finishedAt = now();
  // As real providers do: the integration counts as disconnected on the provider's side even if KSeF still shows grants.
  i.footprint.grants = i.footprint.grants.filter(
    (g) => !rec.items.some((x) => x.kind === 'grant' && x.id === g.permissionId && x.outcome === 'revoked'),
  );
  i.footprint.tokens = i.footprint.tokens.filter(
    (t) => !rec.items.some((x) => x.kind === 'token' && x.id === t.referenceNumber && x.outcome === 'revoked'),
  );
  i.state = 'disconnected';
  i.updatedAt = now();
  ksef.forgetView(i.contextNip);
}

/** What the provider knows for each twin scenario; a live session as the user where it still has one. */
export async function seedProvider(
  store: ProviderStore,
  ksef: ProviderKsef,
  scenario: string,
  now: () => number,
): Promise<void> {
  store.scenario = scenario;
  const i = store.integration('DEMO', USER.nip);
  for (const env of ['TEST', 'PRD']) store.integration(env, USER.nip);
  i.updatedAt = now();
  if (scenario === 'clean') return;
  const signer = signerFor({
    type: 'Pesel',
    value: USER.ownerPesel,
    name: `${USER.ownerFirstName} ${USER.ownerLastName}`,
  });
  i.userSession = await ksef.api.loginWithSignedXml(signXml((await ksef.api.unsignedRequest(USER.nip)).xml, signer));
  i.state = scenario === 'leftovers-after-disconnect' ? 'disconnected' : 'active';
  i.actingNips = ['provider-token', 'provider-certificates', 'own-certificates'].includes(scenario)
    ? []
    : [PROVIDER.nip];
  i.mode = scenario === 'own-certificates' ? 'own-certificates' : 'provider-certificates';
  if (scenario === 'leftovers-after-disconnect') {
    i.userSession = null;
    return;
  }
  if (i.actingNips.length) {
    // The provider declares the grants it made once; a duplicate made later is not in its books.
    const grants = (await ksef.providerGrantsAsUser(i)).sort((a, b) => a.startDate.localeCompare(b.startDate));
    const declared = EXPECTED_SCOPES.map((s) => grants.find((g) => g.permissionScope === s)).filter(
      (g) => g !== undefined,
    );
    i.footprint.grants = declared.map((g) => ({
      permissionId: g.id,
      scope: g.permissionScope,
      grantedAt: g.startDate,
    }));
  }
  if (scenario === 'provider-token') {
    const r = await ksef.asUser<{ tokens: { referenceNumber: string; description: string }[] }>(
      i,
      'GET',
      `/tokens?description=${encodeURIComponent(PROVIDER.product)}&status=Active`,
    );
    i.footprint.tokens = r.body.tokens.map((t) => ({ referenceNumber: t.referenceNumber, description: t.description }));
  }
  if (scenario === 'provider-certificates' || scenario === 'own-certificates') {
    const r = await ksef.asUser<{ certificates: { certificateSerialNumber: string; name: string; validTo: string }[] }>(
      i,
      'POST',
      '/certificates/query?pageSize=50',
      scenario === 'provider-certificates' ? { name: PROVIDER.product } : {},
    );
    i.footprint.certificates = r.body.certificates.map((c) => ({
      serialNumber: c.certificateSerialNumber,
      name: c.name,
      validTo: c.validTo,
    }));
  }
}
