import * as z from 'zod/mini';
import { dateTime, openEnum, ref36, statusInfo } from './common';

/** Authentication payloads (docs/ksef.md §3). */
export const AUTH_METHODS = [
  'Token',
  'TrustedProfile',
  'InternalCertificate',
  'QualifiedSignature',
  'QualifiedSeal',
  'PersonalSignature',
  'PeppolSignature',
] as const;

const jwtWithExpiry = z.looseObject({ token: z.string().check(z.minLength(1)), validUntil: dateTime });

export const authChallenge = z.looseObject({
  challenge: ref36,
  timestamp: dateTime,
  timestampMs: z.int(),
  clientIp: z.nullish(z.string()),
});

/** 202 of `/auth/xades-signature` and `/auth/ksef-token`. */
export const authInit = z.looseObject({ referenceNumber: ref36, authenticationToken: jwtWithExpiry });

const methodInfo = z.looseObject({
  category: openEnum(['XadesSignature', 'NationalNode', 'Token', 'Other']),
  code: z.string(),
  displayName: z.string(),
});

export const authStatus = z.looseObject({
  startDate: dateTime,
  authenticationMethod: z.nullish(openEnum(AUTH_METHODS)),
  authenticationMethodInfo: z.nullish(methodInfo),
  status: statusInfo,
  isTokenRedeemed: z.nullish(z.boolean()),
  lastTokenRefreshDate: z.nullish(dateTime),
  refreshTokenValidUntil: z.nullish(dateTime),
});

export const authTokens = z.looseObject({ accessToken: jwtWithExpiry, refreshToken: jwtWithExpiry });
export const authRefreshed = z.looseObject({ accessToken: jwtWithExpiry });

export const authSession = z.looseObject({
  referenceNumber: ref36,
  isCurrent: z.nullish(z.boolean()),
  startDate: dateTime,
  authenticationMethod: z.nullish(openEnum(AUTH_METHODS)),
  authenticationMethodInfo: z.nullish(methodInfo),
  status: statusInfo,
  isTokenRedeemed: z.nullish(z.boolean()),
  lastTokenRefreshDate: z.nullish(dateTime),
  refreshTokenValidUntil: z.nullish(dateTime),
});

export const authSessionsPage = z.looseObject({
  continuationToken: z.nullish(z.string()),
  items: z.array(authSession),
});
