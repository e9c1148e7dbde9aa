/**
 * The KSeF endpoints the product meets (docs/ksef.md §3–6) with their paging rules. Paths are relative to the API
 * base (`/v2`); `{x}` is one path segment. Their schemas are in `endpoint-schemas.ts`, so code that only needs
 * to name an endpoint (the content script's hot path) does not carry every schema.
 */
export interface Endpoint {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Offset-paged queries take `pageOffset`/`pageSize` query parameters; these are their limits. */
  paging?: { kind: 'offset'; min: number; max: number } | { kind: 'continuation'; min: number; max: number };
}

const offset = (max: number) => ({ kind: 'offset', min: 10, max }) as const;

export const ENDPOINTS: readonly Endpoint[] = [
  { name: 'auth.challenge', method: 'POST', path: '/auth/challenge' },
  { name: 'auth.xades', method: 'POST', path: '/auth/xades-signature' },
  {
    name: 'auth.ksefToken',
    method: 'POST',
    path: '/auth/ksef-token',
  },
  { name: 'auth.redeem', method: 'POST', path: '/auth/token/redeem' },
  { name: 'auth.refresh', method: 'POST', path: '/auth/token/refresh' },
  {
    name: 'auth.sessions',
    method: 'GET',
    path: '/auth/sessions',
    paging: { kind: 'continuation', min: 10, max: 100 },
  },
  { name: 'auth.sessions.revokeCurrent', method: 'DELETE', path: '/auth/sessions/current' },
  { name: 'auth.sessions.revoke', method: 'DELETE', path: '/auth/sessions/{ref}' },
  { name: 'auth.status', method: 'GET', path: '/auth/{ref}' },
  {
    name: 'permissions.grant.persons',
    method: 'POST',
    path: '/permissions/persons/grants',
  },
  {
    name: 'permissions.grant.entities',
    method: 'POST',
    path: '/permissions/entities/grants',
  },
  {
    name: 'permissions.grant.authorizations',
    method: 'POST',
    path: '/permissions/authorizations/grants',
  },
  {
    name: 'permissions.grant.indirect',
    method: 'POST',
    path: '/permissions/indirect/grants',
  },
  {
    name: 'permissions.grant.subunits',
    method: 'POST',
    path: '/permissions/subunits/grants',
  },
  {
    name: 'permissions.grant.euAdministration',
    method: 'POST',
    path: '/permissions/eu-entities/administration/grants',
  },
  {
    name: 'permissions.grant.euEntities',
    method: 'POST',
    path: '/permissions/eu-entities/grants',
  },
  {
    name: 'permissions.revoke.common',
    method: 'DELETE',
    path: '/permissions/common/grants/{id}',
  },
  {
    name: 'permissions.revoke.authorizations',
    method: 'DELETE',
    path: '/permissions/authorizations/grants/{id}',
  },
  {
    name: 'permissions.operation',
    method: 'GET',
    path: '/permissions/operations/{ref}',
  },
  {
    name: 'permissions.query.persons',
    method: 'POST',
    path: '/permissions/query/persons/grants',
    paging: offset(100),
  },
  {
    name: 'permissions.query.personal',
    method: 'POST',
    path: '/permissions/query/personal/grants',
    paging: offset(100),
  },
  {
    name: 'permissions.query.entities',
    method: 'POST',
    path: '/permissions/query/entities/grants',
    paging: offset(100),
  },
  {
    name: 'permissions.query.authorizations',
    method: 'POST',
    path: '/permissions/query/authorizations/grants',
    paging: offset(100),
  },
  {
    name: 'permissions.query.subunits',
    method: 'POST',
    path: '/permissions/query/subunits/grants',
    paging: offset(100),
  },
  {
    name: 'permissions.query.euEntities',
    method: 'POST',
    path: '/permissions/query/eu-entities/grants',
    paging: offset(100),
  },
  {
    name: 'permissions.query.entityRoles',
    method: 'GET',
    path: '/permissions/query/entities/roles',
    paging: offset(100),
  },
  {
    name: 'permissions.query.subordinateRoles',
    method: 'POST',
    path: '/permissions/query/subordinate-entities/roles',
    paging: offset(100),
  },
  {
    name: 'tokens.generate',
    method: 'POST',
    path: '/tokens',
  },
  {
    name: 'tokens.list',
    method: 'GET',
    path: '/tokens',
    paging: { kind: 'continuation', min: 10, max: 100 },
  },
  { name: 'tokens.status', method: 'GET', path: '/tokens/{ref}' },
  { name: 'tokens.revoke', method: 'DELETE', path: '/tokens/{ref}' },
  {
    name: 'certificates.query',
    method: 'POST',
    path: '/certificates/query',
    paging: offset(50),
  },
  {
    name: 'certificates.enrollmentData',
    method: 'GET',
    path: '/certificates/enrollments/data',
  },
  {
    name: 'certificates.enroll',
    method: 'POST',
    path: '/certificates/enrollments',
  },
  {
    name: 'certificates.enrollmentStatus',
    method: 'GET',
    path: '/certificates/enrollments/{ref}',
  },
  {
    name: 'certificates.retrieve',
    method: 'POST',
    path: '/certificates/retrieve',
  },
  { name: 'certificates.revoke', method: 'POST', path: '/certificates/{serial}/revoke' },
  {
    name: 'security.publicKeys',
    method: 'GET',
    path: '/security/public-key-certificates',
  },
  { name: 'rateLimits', method: 'GET', path: '/rate-limits' },
  {
    name: 'invoices.queryMetadata',
    method: 'POST',
    path: '/invoices/query/metadata',
    paging: offset(250),
  },
];

const compiled = ENDPOINTS.map((e) => ({
  endpoint: e,
  literal: !e.path.includes('{'),
  re: new RegExp(`^${e.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/**
 * The endpoint for a method and a path relative to the API base, or null. The `/v2` prefix (and the old
 * `/api/v2` of the release candidates) is removed first; a literal path wins over a `{ref}` pattern, so
 * `/auth/sessions` is not mistaken for `/auth/{ref}`.
 */
export function matchEndpoint(method: string, path: string): Endpoint | null {
  const m = method.toUpperCase();
  const p = path.replace(/^\/(api\/)?v2(?=\/)/, '').replace(/\/+$/, '') || '/';
  const candidates = compiled.filter((c) => c.endpoint.method === m && c.re.test(p));
  const best = candidates.find((c) => c.literal) ?? candidates[0];
  return best ? best.endpoint : null;
}

/** The kinds of KSeF record lists the audit reads (persons/entities grants, entity authorisations, sub-unit
 * administrators, tokens, certificates). */
export type RecordKind = 'grants' | 'authorizations' | 'subunits' | 'tokens' | 'certificates';
