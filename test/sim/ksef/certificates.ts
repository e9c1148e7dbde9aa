import { paging, iso, type Call } from './call';
import { badRequest, forbidden, noContent, ok, type Reply } from './reply';
import type { CertificateRecord } from './state';
import type { TokenClaims } from './tokens-jwt';

/**
 * KSeF certificates (docs/ksef.md §5): the caller sees and revokes only its own, whatever the context;
 * revoking is refused to a session opened with a KSeF token; `Blocked` while the revocation completes.
 */
const owns = (c: CertificateRecord, claims: TokenClaims) =>
  `${c.subjectIdentifier.type}:${c.subjectIdentifier.value}` === claims.sub;

export function certificateStatus(c: CertificateRecord, now: number): 'Active' | 'Blocked' | 'Revoked' | 'Expired' {
  if (c.revokedAt !== undefined) return c.blockedUntil !== undefined && now < c.blockedUntil ? 'Blocked' : 'Revoked';
  return c.validTo <= now ? 'Expired' : 'Active';
}

export function query(call: Call, claims: TokenClaims): Reply {
  const p = paging(call, 10, 50);
  if (typeof p === 'string')
    return badRequest(call.now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', [p]);
  const f = (call.body ?? {}) as {
    certificateSerialNumber?: string;
    name?: string;
    type?: string;
    status?: string;
    expiresAfter?: string;
  };
  const after = f.expiresAfter ? Date.parse(f.expiresAfter) : null;
  const rows = call.world.certificates
    .filter(
      (c) =>
        owns(c, claims) &&
        (!f.certificateSerialNumber || c.certificateSerialNumber === f.certificateSerialNumber) &&
        (!f.name || c.name.toLowerCase().includes(f.name.toLowerCase())) &&
        (!f.type || c.type === f.type) &&
        (!f.status || certificateStatus(c, call.now) === f.status) &&
        (after === null || c.validTo > after),
    )
    .sort((a, b) => b.requestDate - a.requestDate);
  const start = p.offset * p.size;
  return ok({
    certificates: rows.slice(start, start + p.size).map((c) => ({
      certificateSerialNumber: c.certificateSerialNumber,
      name: c.name,
      type: c.type,
      commonName: c.commonName,
      status: certificateStatus(c, call.now),
      subjectIdentifier: c.subjectIdentifier,
      validFrom: iso(c.validFrom),
      validTo: iso(c.validTo),
      lastUseDate: c.lastUseDate ? iso(c.lastUseDate) : null,
      requestDate: iso(c.requestDate),
    })),
    hasMore: rows.length > start + p.size,
  });
}

export function revoke(call: Call, claims: TokenClaims, serial: string, loggedInWithToken: boolean): Reply {
  if (loggedInWithToken) {
    return forbidden(call.now, 'auth-method-not-allowed', 'Operacja niedostępna dla tej metody uwierzytelnienia.', {
      authenticationMethodCategory: 'Token',
    });
  }
  const c = call.world.certificates.find((x) => x.certificateSerialNumber === serial && owns(x, claims));
  if (!c) return badRequest(call.now, call.problem, 25008, 'Nie znaleziono certyfikatu.', [serial]);
  if (certificateStatus(c, call.now) !== 'Active')
    return badRequest(call.now, call.problem, 25009, 'Certyfikat jest już unieważniony, zablokowany lub nieważny.', [
      serial,
    ]);
  c.revokedAt = call.now;
  c.blockedUntil = call.now + call.world.config.operationDelayMs;
  return noContent();
}
