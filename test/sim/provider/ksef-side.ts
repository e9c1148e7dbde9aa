import { readAuthTokenRequest } from '../../../lib/ksef/auth-token-request';
import { KsefError, type KsefClient, type Session } from '../ksef-client';
import { PROVIDER } from '../people';
import { signerFor } from '../signer';
import type { Integration } from './store';

/**
 * The provider in KSeF (docs/architecture.md §5a): with its own seal it reads which contexts granted it invoicing;
 * with the session the user's signature gave it, it grants itself InvoiceWrite/InvoiceRead and later revokes them.
 */
export class SessionExpired extends Error {
  constructor() {
    super('Sesja dostawcy w kontekście klienta wygasła.');
  }
}

export const EXPECTED_SCOPES = ['InvoiceWrite', 'InvoiceRead'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ProviderKsef {
  private own: Session | null = null;
  private viewCache = new Map<string, { at: number; grants: OwnViewGrant[] }>();

  constructor(
    readonly api: KsefClient,
    private readonly now: () => number,
  ) {}

  private async ownToken(): Promise<string> {
    if (!this.own || Date.parse(this.own.accessValidUntil) - 30_000 < this.now()) {
      this.own = await this.api.login(
        signerFor({ type: 'Nip', value: PROVIDER.nip, name: PROVIDER.name }),
        PROVIDER.nip,
      );
    }
    return this.own.accessToken;
  }

  /** What KSeF says from the provider's side, cached for a few seconds (30 requests a minute per endpoint). */
  async ownView(contextNip: string): Promise<{ readAt: number; grants: OwnViewGrant[] }> {
    const cached = this.viewCache.get(contextNip);
    if (cached && this.now() - cached.at < 5_000) return { readAt: cached.at, grants: cached.grants };
    const query = async () =>
      this.api.ok<{
        permissions: { id: string; permissionScope: string; canDelegate: boolean; startDate: string }[];
      }>('POST', '/permissions/query/entities/grants?pageSize=100', {
        token: await this.ownToken(),
        body: { contextIdentifier: { type: 'Nip', value: contextNip } },
      });
    // KSeF no longer knows its session (it ended early): log in again once, as a provider's service does.
    const page = await query().catch((e: unknown) => {
      if (!(e instanceof KsefError && e.status === 401)) throw e;
      this.own = null;
      return query();
    });
    const grants = page.permissions.map((p) => ({
      id: p.id,
      scope: p.permissionScope,
      canDelegate: p.canDelegate,
      startDate: p.startDate,
    }));
    this.viewCache.set(contextNip, { at: this.now(), grants });
    return { readAt: this.now(), grants };
  }

  forgetView(contextNip: string): void {
    this.viewCache.delete(contextNip);
  }

  /** A call in the user's context with the provider's session as the user; refreshes once, then gives up. */
  async asUser<T>(
    integration: Integration,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const session = integration.userSession;
    if (!session) throw new SessionExpired();
    let r = await this.api.call<T>(method, path, { token: session.accessToken, body });
    if (r.status === 401) {
      const refreshed = await this.api.call<{ accessToken: { token: string; validUntil: string } }>(
        'POST',
        '/auth/token/refresh',
        {
          token: session.refreshToken,
        },
      );
      if (refreshed.status !== 200) {
        integration.userSession = null;
        throw new SessionExpired();
      }
      session.accessToken = refreshed.body.accessToken.token;
      session.accessValidUntil = refreshed.body.accessToken.validUntil;
      r = await this.api.call<T>(method, path, { token: session.accessToken, body });
    }
    return r;
  }

  async waitAsUser(integration: Integration, ref: string): Promise<{ code: number; description: string }> {
    for (let i = 0; i < 60; i++) {
      const r = await this.asUser<{ status: { code: number; description: string } }>(
        integration,
        'GET',
        `/permissions/operations/${ref}`,
      );
      if (r.status === 429) {
        await sleep(1000);
        continue;
      }
      if (r.status !== 200) return { code: r.status, description: JSON.stringify(r.body).slice(0, 200) };
      if (r.body.status.code !== 100) return r.body.status;
      await sleep(Math.min(100 * 2 ** Math.min(i, 3), 1000));
    }
    return { code: 500, description: 'timeout' };
  }

  /** Grants to the provider's NIP as KSeF lists them in the user's context (with ids for revocation). */
  async providerGrantsAsUser(
    integration: Integration,
  ): Promise<{ id: string; permissionScope: string; startDate: string }[]> {
    const r = await this.asUser<{ permissions: { id: string; permissionScope: string; startDate: string }[] }>(
      integration,
      'POST',
      '/permissions/query/persons/grants?pageSize=100',
      { queryType: 'PermissionsInCurrentContext', authorizedIdentifier: { type: 'Nip', value: PROVIDER.nip } },
    );
    if (r.status !== 200) throw new Error(`query failed: ${r.status}`);
    return r.body.permissions;
  }

  /** Check a signed AuthTokenRequest against the one handed out. */
  static checkSigned(
    xml: string,
    challenge: string,
    contextNip: string,
  ): { ok: true } | { ok: false; code: string; message: string } {
    const read = readAuthTokenRequest(xml);
    if (!read.ok) return { ok: false, code: 'signed-request-invalid', message: `${read.rule}: ${read.detail}` };
    if (!read.request.signed) return { ok: false, code: 'signed-request-invalid', message: 'Brak podpisu.' };
    if (read.request.challenge !== challenge)
      return { ok: false, code: 'signed-request-mismatch', message: 'Inny challenge niż w żądaniu.' };
    if (read.request.contextIdentifier.value !== contextNip) {
      return { ok: false, code: 'signed-request-mismatch', message: 'Inny kontekst niż w żądaniu.' };
    }
    return { ok: true };
  }
}

export interface OwnViewGrant {
  id: string;
  scope: string;
  canDelegate: boolean;
  startDate: string;
}
