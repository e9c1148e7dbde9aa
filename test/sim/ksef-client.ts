import { constants, publicEncrypt, X509Certificate } from 'node:crypto';
import { authTokenRequestXml, signXml, type Signer } from './signer';

/**
 * A small KSeF API client for the simulated servers and the tests: XAdES login with a signer (challenge →
 * signed AuthTokenRequest → poll → redeem) and JSON calls. It takes any fetch-like function, so a Hono app's
 * `request` (in process) or a real `fetch` both work.
 */
export type FetchLike = (path: string, init?: RequestInit) => Promise<Response>;

export interface ApiReply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  referenceNumber: string;
  accessValidUntil: string;
  refreshValidUntil: string;
}

export class KsefError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class KsefClient {
  constructor(
    private readonly fetchFn: FetchLike,
    private readonly base = '/v2',
  ) {}

  async call<T = unknown>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiReply<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await this.fetchFn(`${this.base}${path}`, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }

  async ok<T = unknown>(
    method: string,
    path: string,
    opts: Parameters<KsefClient['call']>[2] = {},
    expect = [200, 202, 204],
  ): Promise<T> {
    const r = await this.call<T>(method, path, opts);
    if (!expect.includes(r.status)) throw new KsefError(r.status, r.body, `${method} ${path}`);
    return r.body;
  }

  /** The unsigned AuthTokenRequest for a fresh challenge, as a provider hands it to the user to sign. */
  async unsignedRequest(contextNip: string): Promise<{ xml: string; challenge: string }> {
    const ch = await this.ok<{ challenge: string }>('POST', '/auth/challenge');
    return {
      xml: authTokenRequestXml({ challenge: ch.challenge, context: { type: 'Nip', value: contextNip } }),
      challenge: ch.challenge,
    };
  }

  /** Send a signed AuthTokenRequest, wait for the result and redeem the tokens. */
  async loginWithSignedXml(signedXml: string, pollMs = 50, maxPolls = 200): Promise<Session> {
    const init = await this.ok<{ referenceNumber: string; authenticationToken: { token: string } }>(
      'POST',
      '/auth/xades-signature',
      {
        body: signedXml,
        headers: { 'Content-Type': 'application/xml' },
      },
    );
    return this.redeem(init.referenceNumber, init.authenticationToken.token, pollMs, maxPolls);
  }

  /** Wait for an authentication operation to succeed, then redeem its tokens (any login method). */
  async redeem(referenceNumber: string, authToken: string, pollMs = 50, maxPolls = 200): Promise<Session> {
    for (let i = 0; i < maxPolls; i++) {
      const st = await this.ok<{ status: { code: number; description: string } }>('GET', `/auth/${referenceNumber}`, {
        token: authToken,
      });
      if (st.status.code === 200) break;
      if (st.status.code !== 100) throw new KsefError(st.status.code, st, 'authentication');
      await sleep(pollMs);
    }
    const tokens = await this.ok<{
      accessToken: { token: string; validUntil: string };
      refreshToken: { token: string; validUntil: string };
    }>('POST', '/auth/token/redeem', { token: authToken });
    return {
      accessToken: tokens.accessToken.token,
      refreshToken: tokens.refreshToken.token,
      referenceNumber,
      accessValidUntil: tokens.accessToken.validUntil,
      refreshValidUntil: tokens.refreshToken.validUntil,
    };
  }

  /** Start a KSeF-token login: the token and the challenge's time, RSA-OAEP (SHA-256) under the published key. */
  async startKsefTokenLogin(
    ksefToken: string,
    contextNip: string,
  ): Promise<{ referenceNumber: string; authenticationToken: { token: string } }> {
    const [key] = await this.ok<{ certificate: string; publicKeyId: string }[]>(
      'GET',
      '/security/public-key-certificates',
    );
    const cert = new X509Certificate(Buffer.from(key!.certificate, 'base64'));
    const ch = await this.ok<{ challenge: string; timestampMs: number }>('POST', '/auth/challenge');
    const encryptedToken = publicEncrypt(
      { key: cert.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(`${ksefToken}|${ch.timestampMs}`),
    ).toString('base64');
    return this.ok('POST', '/auth/ksef-token', {
      body: {
        challenge: ch.challenge,
        contextIdentifier: { type: 'Nip', value: contextNip },
        encryptedToken,
        publicKeyId: key!.publicKeyId,
      },
    });
  }

  /** Log in with a KSeF token, wait for the result and redeem the tokens. */
  async loginWithKsefToken(ksefToken: string, contextNip: string): Promise<Session> {
    const init = await this.startKsefTokenLogin(ksefToken, contextNip);
    return this.redeem(init.referenceNumber, init.authenticationToken.token);
  }

  async login(signer: Signer, contextNip: string): Promise<Session> {
    const { xml } = await this.unsignedRequest(contextNip);
    return this.loginWithSignedXml(signXml(xml, signer));
  }

  /** Poll a permission operation until it leaves 100 (with back-off); returns the final status code. */
  async waitForOperation(
    token: string,
    ref: string,
    pollMs = 50,
    maxPolls = 200,
  ): Promise<{ code: number; description: string }> {
    for (let i = 0; i < maxPolls; i++) {
      const st = await this.ok<{ status: { code: number; description: string } }>(
        'GET',
        `/permissions/operations/${ref}`,
        { token },
      );
      if (st.status.code !== 100) return st.status;
      await sleep(Math.min(pollMs * 2 ** Math.min(i, 4), 1000));
    }
    throw new Error(`operation ${ref} still in progress`);
  }
}
