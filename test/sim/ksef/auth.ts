import { constants, createHash, privateDecrypt, X509Certificate } from 'node:crypto';
import { readAuthTokenRequest } from '../../../lib/ksef/auth-token-request';
import { referenceNumber } from '../ids';
import { signerFor } from '../signer';
import { verifySignedRequest } from '../xades-verify';
import { continuation, iso, nextToken, pagingRefused, type Call } from './call';
import { badRequest, gone, noContent, ok, unauthorized, type Reply } from './reply';
import { hasAnyRight, rightsOf } from './rights';
import type { AuthOperation, Identifier } from './state';
import { issue, verify, type TokenClaims } from './tokens-jwt';

/** Authentication (docs/ksef.md §3): challenge, XAdES or KSeF-token login, polling, redeem, refresh, sessions. */
const CHALLENGE_MS = 10 * 60_000;
const AUTH_STATUS_KEEP_MS = 7 * 24 * 3600_000;

/** The twin's key for `KsefTokenEncryption`, published at /security/public-key-certificates. */
const mfKey = signerFor({ type: 'Nip', value: '5260250274', name: 'KSeF Twin token encryption' });
const mfCert = new X509Certificate(mfKey.certPem);
const mfPublicKeyId = createHash('sha256')
  .update(mfCert.publicKey.export({ type: 'spki', format: 'der' }))
  .digest('base64');

export function publicKeys(): Reply {
  return ok([
    {
      certificate: mfCert.raw.toString('base64'),
      certificateId: mfCert.serialNumber,
      publicKeyId: mfPublicKeyId,
      validFrom: new Date(mfCert.validFrom).toISOString(),
      validTo: new Date(mfCert.validTo).toISOString(),
      usage: ['KsefTokenEncryption', 'SymmetricKeyEncryption'],
    },
  ]);
}

export function challenge(call: Call): Reply {
  const ref = referenceNumber('CR', call.now);
  call.world.challenges.set(ref, { expiresAt: call.now + CHALLENGE_MS, used: false, clientIp: call.clientIp });
  return ok({ challenge: ref, timestamp: iso(call.now), timestampMs: call.now, clientIp: call.clientIp });
}

function takeChallenge(call: Call, value: string): Reply | null {
  const c = call.world.challenges.get(value);
  if (!c || c.used || c.expiresAt < call.now) {
    return badRequest(call.now, call.problem, 21111, 'Nieprawidłowe wyzwanie autoryzacyjne.', [value]);
  }
  c.used = true;
  return null;
}

async function start(
  call: Call,
  op: Omit<
    AuthOperation,
    'ref' | 'startDate' | 'completesAt' | 'finalCode' | 'finalDescription' | 'redeemed' | 'revoked'
  >,
): Promise<Reply> {
  const world = call.world;
  const ref = referenceNumber('AU', call.now);
  const contextNip = op.context.type === 'Nip' ? String(op.context.value) : '';
  const allowed = hasAnyRight(rightsOf(world, op.subject, contextNip, call.now));
  const rec: AuthOperation = {
    ...op,
    ref,
    startDate: call.now,
    completesAt: call.now + world.config.authDelayMs,
    finalCode: allowed ? 200 : 415,
    finalDescription: allowed
      ? 'Uwierzytelnianie zakończone sukcesem'
      : 'Uwierzytelnianie zakończone niepowodzeniem z powodu braku przypisanych uprawnień',
    redeemed: false,
    revoked: false,
  };
  world.auth.set(ref, rec);
  const authenticationToken = await issue(claimsOf(rec, 'auth', [], []), call.now, 15 * 60);
  return ok({ referenceNumber: ref, authenticationToken }, 202);
}

function claimsOf(op: AuthOperation, use: TokenClaims['use'], per: string[], rol: string[]): TokenClaims {
  return {
    use,
    arn: op.ref,
    cit: op.context.type,
    civ: String(op.context.value),
    sub: `${op.subject.type}:${op.subject.value}`,
    per,
    rol,
  };
}

export async function xades(call: Call): Promise<Reply> {
  const read = readAuthTokenRequest(call.rawBody);
  if (!read.ok)
    return badRequest(call.now, call.problem, 21401, 'Dokument nie jest zgodny ze schemą (xsd).', [
      `${read.rule}: ${read.detail}`,
    ]);
  const signed = verifySignedRequest(call.rawBody);
  if (!signed.ok) return badRequest(call.now, call.problem, signed.code, 'Nieprawidłowy podpis.', [signed.reason]);
  const refused = takeChallenge(call, read.request.challenge);
  if (refused) return refused;
  let subject: Identifier;
  if (read.request.subjectIdentifierType === 'certificateFingerprint')
    subject = { type: 'Fingerprint', value: signed.fingerprint };
  else if (signed.nip) subject = { type: 'Nip', value: signed.nip };
  else if (signed.pesel) subject = { type: 'Pesel', value: signed.pesel };
  else
    return badRequest(
      call.now,
      call.problem,
      21117,
      'Nieprawidłowy identyfikator podmiotu dla wskazanego typu kontekstu.',
    );
  call.world.names.set(`${subject.type}:${subject.value}`, signed.commonName);
  const seal = subject.type === 'Nip';
  return start(call, {
    context: read.request.contextIdentifier,
    subject,
    method: seal ? 'QualifiedSeal' : 'QualifiedSignature',
    methodInfo: seal
      ? { category: 'XadesSignature', code: 'xades.qualified-seal', displayName: 'Pieczęć kwalifikowana' }
      : { category: 'XadesSignature', code: 'xades.qualified-signature', displayName: 'Podpis kwalifikowany' },
    tokenPermissions: null,
    tokenRef: null,
    allowedIps: read.request.ipPolicy?.ip4Addresses ?? null,
  });
}

export async function ksefToken(call: Call): Promise<Reply> {
  const body = call.body as { challenge: string; contextIdentifier: Identifier; encryptedToken: string };
  let plain: string;
  try {
    plain = privateDecrypt(
      { key: mfKey.keyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(body.encryptedToken, 'base64'),
    ).toString('utf8');
  } catch {
    return badRequest(call.now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', ['encryptedToken']);
  }
  const refused = takeChallenge(call, body.challenge);
  if (refused) return refused;
  const secret = plain.slice(0, plain.lastIndexOf('|'));
  const token = call.world.tokens.find((t) => t.secret === secret);
  const contextOk = token && token.contextIdentifier.value === body.contextIdentifier.value;
  if (!token || !contextOk || token.status !== 'Active') {
    const ref = referenceNumber('AU', call.now);
    call.world.auth.set(ref, {
      ref,
      startDate: call.now,
      completesAt: call.now,
      context: body.contextIdentifier,
      subject: token?.authorIdentifier ?? { type: 'Nip', value: null },
      method: 'Token',
      methodInfo: { category: 'Token', code: 'token', displayName: 'Token KSeF' },
      tokenPermissions: [],
      tokenRef: token?.referenceNumber ?? null,
      finalCode: 450,
      finalDescription: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędnego tokenu',
      redeemed: false,
      revoked: false,
      allowedIps: null,
    });
    return ok(
      {
        referenceNumber: ref,
        authenticationToken: await issue(claimsOf(call.world.auth.get(ref)!, 'auth', [], []), call.now, 900),
      },
      202,
    );
  }
  token.lastUseDate = call.now;
  return start(call, {
    context: body.contextIdentifier,
    subject: token.authorIdentifier,
    method: 'Token',
    methodInfo: { category: 'Token', code: 'token', displayName: 'Token KSeF' },
    tokenPermissions: token.requestedPermissions,
    tokenRef: token.referenceNumber,
    allowedIps: null,
  });
}

async function bearerOf(
  call: Call,
  use: TokenClaims['use'],
): Promise<{ op: AuthOperation; claims: TokenClaims } | Reply> {
  if (!call.bearer) return unauthorized(call.now, 'Brak tokenu uwierzytelniającego.');
  const v = await verify(call.bearer, call.now);
  if (!v.ok) return unauthorized(call.now, v.reason === 'expired' ? 'Token wygasł.' : 'Nieprawidłowy token.');
  if (
    v.claims.use !== use &&
    !(use === 'access' && v.claims.use === 'refresh' && call.path === '/auth/sessions/current')
  ) {
    return unauthorized(call.now, 'Nieprawidłowy rodzaj tokenu.');
  }
  const op = call.world.auth.get(v.claims.arn);
  if (!op) return unauthorized(call.now, 'Nieznana sesja.');
  return { op, claims: v.claims };
}

function statusOf(op: AuthOperation, now: number) {
  const done = now >= op.completesAt;
  const code = !done ? 100 : op.revoked ? 425 : op.finalCode;
  const description = !done
    ? 'Uwierzytelnianie w toku'
    : op.revoked
      ? 'Uwierzytelnianie unieważnione'
      : op.finalDescription;
  return {
    startDate: iso(op.startDate),
    authenticationMethod: op.method,
    authenticationMethodInfo: op.methodInfo,
    status: { code, description },
    isTokenRedeemed: op.redeemed,
    lastTokenRefreshDate: op.lastRefresh ? iso(op.lastRefresh) : null,
    refreshTokenValidUntil: op.refreshValidUntil ? iso(op.refreshValidUntil) : null,
  };
}

export async function status(call: Call, ref: string): Promise<Reply> {
  const b = await bearerOf(call, 'auth');
  if ('status' in b) return b;
  if (b.op.ref !== ref) return badRequest(call.now, call.problem, 21304, 'Brak uwierzytelnienia.', [ref]);
  if (call.now - b.op.startDate > AUTH_STATUS_KEEP_MS) return gone(call.now);
  return ok(statusOf(b.op, call.now));
}

function grantedNow(call: Call, op: AuthOperation): { per: string[]; rol: string[] } {
  const rights = rightsOf(call.world, op.subject, String(op.context.value), call.now);
  const per = op.tokenPermissions
    ? rights.permissions.filter((p) => op.tokenPermissions!.includes(p))
    : rights.permissions;
  const ownerPer = op.tokenPermissions && rights.owner ? op.tokenPermissions : [];
  return {
    per: [...new Set([...per, ...ownerPer])].sort(),
    rol: rights.owner && !op.tokenPermissions ? ['Owner'] : [],
  };
}

export async function redeem(call: Call): Promise<Reply> {
  const b = await bearerOf(call, 'auth');
  if ('status' in b) return b;
  const { op } = b;
  if (op.redeemed || call.now < op.completesAt || op.finalCode !== 200) {
    return badRequest(call.now, call.problem, 21301, 'Brak autoryzacji.', [
      op.redeemed
        ? 'Tokeny zostały już pobrane.'
        : `Status uwierzytelniania (${statusOf(op, call.now).status.code}) nie pozwala na pobranie tokenów.`,
    ]);
  }
  op.redeemed = true;
  op.refreshValidUntil = call.now + call.world.config.refreshTokenSeconds * 1000;
  const g = grantedNow(call, op);
  const accessToken = await issue(claimsOf(op, 'access', g.per, g.rol), call.now, call.world.config.accessTokenSeconds);
  const refreshToken = await issue(claimsOf(op, 'refresh', [], []), call.now, call.world.config.refreshTokenSeconds);
  return ok({ accessToken, refreshToken });
}

export async function refresh(call: Call): Promise<Reply> {
  const b = await bearerOf(call, 'refresh');
  if ('status' in b) return b;
  const { op } = b;
  if (op.revoked)
    return badRequest(call.now, call.problem, 21301, 'Brak autoryzacji.', [
      'Status uwierzytelniania (425) nie pozwala na pobranie tokenów.',
    ]);
  const token = op.tokenRef ? call.world.tokens.find((t) => t.referenceNumber === op.tokenRef) : null;
  if (token && token.status !== 'Active')
    return badRequest(call.now, call.problem, 21301, 'Brak autoryzacji.', ['Token KSeF został unieważniony.']);
  op.lastRefresh = call.now;
  const g = grantedNow(call, op);
  return ok({
    accessToken: await issue(claimsOf(op, 'access', g.per, g.rol), call.now, call.world.config.accessTokenSeconds),
  });
}

const sameSubject = (a: AuthOperation, b: AuthOperation) =>
  a.subject.type === b.subject.type && a.subject.value === b.subject.value && a.context.value === b.context.value;

export async function sessions(call: Call): Promise<Reply> {
  const b = await bearerOf(call, 'access');
  if ('status' in b) return b;
  const page = continuation(call);
  if ('code' in page) return pagingRefused(call, page);
  const mine = [...call.world.auth.values()]
    .filter((o) => sameSubject(o, b.op) && o.redeemed)
    .sort((x, y) => y.startDate - x.startDate);
  const items = mine.slice(page.start, page.start + page.size).map((o) => ({
    referenceNumber: o.ref,
    isCurrent: o.ref === b.op.ref,
    ...statusOf(o, call.now),
  }));
  const more = page.start + page.size < mine.length;
  return ok({ continuationToken: more ? nextToken(page.start + page.size) : null, items });
}

export async function revokeSession(call: Call, ref: string | 'current'): Promise<Reply> {
  const b = await bearerOf(call, 'access');
  if ('status' in b) return b;
  const target = ref === 'current' ? b.op : call.world.auth.get(ref);
  if (!target || !sameSubject(target, b.op))
    return badRequest(call.now, call.problem, 21304, 'Brak uwierzytelnienia.', [ref]);
  target.revoked = true;
  return noContent();
}

/** The verified access-token claims of a call, or the 401 to answer. */
export async function accessClaims(call: Call): Promise<TokenClaims | Reply> {
  const b = await bearerOf(call, 'access');
  if ('status' in b) return b;
  return b.claims;
}
