import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/**
 * JSON Web Tokens as KSeF issues them (docs/ksef.md §3.5), signed HS256 with a per-twin key and checked against
 * the twin's clock. Claims use the short names real tokens carry.
 */
export type TokenUse = 'auth' | 'access' | 'refresh';
export interface TokenClaims {
  use: TokenUse;
  arn: string;
  cit: string;
  civ: string;
  sub: string;
  per: string[];
  rol: string[];
}

const key = randomBytes(32);

export async function issue(
  claims: TokenClaims,
  iat: number,
  seconds: number,
): Promise<{ token: string; validUntil: string }> {
  const exp = Math.floor(iat / 1000) + seconds;
  const token = await new SignJWT({ ...claims, typ: claims.use })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('ksef-api-twin')
    .setAudience('ksef-api-twin')
    .setIssuedAt(Math.floor(iat / 1000))
    .setExpirationTime(exp)
    .sign(key);
  return { token, validUntil: new Date(exp * 1000).toISOString() };
}

export type Verified = { ok: true; claims: TokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

export async function verify(token: string, now: number): Promise<Verified> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: 'ksef-api-twin',
      audience: 'ksef-api-twin',
      currentDate: new Date(now),
    });
    return { ok: true, claims: payload as unknown as TokenClaims };
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { ok: false, reason: code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid' };
  }
}
