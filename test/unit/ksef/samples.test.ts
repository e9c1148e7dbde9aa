import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_SCHEMAS } from '@/lib/ksef/endpoint-schemas';
import { ENDPOINTS, matchEndpoint } from '@/lib/ksef/endpoints';
import { parseWith } from '@/lib/ksef/parse';
import * as errors from '@/lib/ksef/schemas/errors';
import * as perms from '@/lib/ksef/schemas/permissions';
import { SAMPLES_DIR } from '../paths';

const DIR = path.join(SAMPLES_DIR, 'api-examples');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));

/** Each official example and where it belongs (samples/index.json names its source in the spec). */
const RESPONSES: Record<string, string | z.ZodMiniType> = {
  'auth-challenge.response.json': 'auth.challenge',
  'auth-init.response.json': 'auth.xades',
  'auth-sessions-list.response.json': 'auth.sessions',
  'auth-status-100.response.json': 'auth.status',
  'auth-status-200.response.json': 'auth.status',
  'auth-status-400-revoked-cert.response.json': 'auth.status',
  'auth-token-redeem.response.json': 'auth.redeem',
  'auth-token-refresh.response.json': 'auth.refresh',
  'certificates-enrollment-data.response.json': 'certificates.enrollmentData',
  'certificates-enrollment-status.response.json': 'certificates.enrollmentStatus',
  'certificates-enrollment.response.json': 'certificates.enroll',
  'certificates-query.response.json': 'certificates.query',
  'error-bad-request-problem-details.json': errors.badRequestProblem,
  'error-exception-response.json': errors.exceptionResponse,
  'error-forbidden-problem-details.json': errors.forbiddenProblem,
  'error-too-many-requests-problem-details.json': errors.tooManyRequestsProblem,
  'error-too-many-requests-response.json': errors.tooManyRequestsResponse,
  'error-unauthorized-problem-details.json': errors.unauthorizedProblem,
  'invoices-query-metadata.response.json': 'invoices.queryMetadata',
  'permissions-operation-status-gone.response.json': errors.goneProblem,
  'permissions-operation-status.response.json': 'permissions.operation',
  'permissions-operation.response.json': 'permissions.revoke.common',
  'permissions-query-authorizations.response.json': 'permissions.query.authorizations',
  'permissions-query-entities-roles.response.json': 'permissions.query.entityRoles',
  'permissions-query-entities.response.json': 'permissions.query.entities',
  'permissions-query-eu-entities.response.json': 'permissions.query.euEntities',
  'permissions-query-personal.response.json': 'permissions.query.personal',
  'permissions-query-persons.response.json': 'permissions.query.persons',
  'permissions-query-subordinate-entities-roles.response.json': 'permissions.query.subordinateRoles',
  'permissions-query-subunits.response.json': 'permissions.query.subunits',
  'rate-limits.response.json': 'rateLimits',
  'security-public-key-certificates.response.json': 'security.publicKeys',
  'tokens-generate.response.json': 'tokens.generate',
  'tokens-list.response.json': 'tokens.list',
  'tokens-status.response.json': 'tokens.status',
};

/** Request examples: the method and path they are sent to. */
const REQUESTS: Record<string, [string, string]> = {
  'auth-ksef-token.request.json': ['POST', '/v2/auth/ksef-token'],
  'certificates-enrollment.request.json': ['POST', '/v2/certificates/enrollments'],
  'certificates-query.request.json': ['POST', '/v2/certificates/query?pageSize=10'],
  'certificates-retrieve.request.json': ['POST', '/v2/certificates/retrieve'],
  'invoices-query-metadata.request.json': ['POST', '/v2/invoices/query/metadata'],
  'permissions-authorizations-grant.request.json': ['POST', '/v2/permissions/authorizations/grants'],
  'permissions-entities-grant.request.json': ['POST', '/v2/permissions/entities/grants'],
  'permissions-eu-entities-administration-grant.request.json': [
    'POST',
    '/v2/permissions/eu-entities/administration/grants',
  ],
  'permissions-eu-entities-grant.request.json': ['POST', '/v2/permissions/eu-entities/grants'],
  'permissions-indirect-grant.request.json': ['POST', '/v2/permissions/indirect/grants'],
  'permissions-persons-grant.request.json': ['POST', '/v2/permissions/persons/grants'],
  'permissions-query-authorizations.request.json': ['POST', '/v2/permissions/query/authorizations/grants'],
  'permissions-query-entities.request.json': ['POST', '/v2/permissions/query/entities/grants'],
  'permissions-query-eu-entities.request.json': ['POST', '/v2/permissions/query/eu-entities/grants'],
  'permissions-query-personal.request.json': ['POST', '/v2/permissions/query/personal/grants'],
  'permissions-query-persons.request.json': ['POST', '/v2/permissions/query/persons/grants?pageOffset=0&pageSize=100'],
  'permissions-query-subordinate-entities-roles.request.json': [
    'POST',
    '/v2/permissions/query/subordinate-entities/roles',
  ],
  'permissions-query-subunits.request.json': ['POST', '/v2/permissions/query/subunits/grants'],
  'permissions-subunits-grant.request.json': ['POST', '/v2/permissions/subunits/grants'],
  'tokens-generate.request.json': ['POST', '/v2/tokens'],
};

function schemaFor(target: string | z.ZodMiniType): z.ZodMiniType {
  if (typeof target !== 'string') return target;
  const schema = ENDPOINT_SCHEMAS[target]?.response;
  if (!schema) throw new Error(`no response schema for ${target}`);
  return schema;
}

describe('official examples', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('are all accounted for, as a request or a response', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) expect(f in RESPONSES || f in REQUESTS, f).toBe(true);
  });

  it.each(Object.entries(RESPONSES))('response %s parses with its schema', (file, target) => {
    const result = parseWith(schemaFor(target), read(file), file);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
  });

  it.each(Object.entries(REQUESTS))('request %s is recognised by its endpoint and parses', (file, [method, url]) => {
    const endpoint = matchEndpoint(method, new URL(url, 'https://api-demo.ksef.mf.gov.pl').pathname);
    expect(endpoint, file).not.toBeNull();
    const request = ENDPOINT_SCHEMAS[endpoint!.name]?.request;
    expect(request, endpoint!.name).toBeDefined();
    const result = parseWith(request!, read(file), file);
    expect(result.ok ? 'ok' : result.error).toBe('ok');
  });

  it('every endpoint with schemas is in the table, and every name is unique', () => {
    const names = ENDPOINTS.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of Object.keys(ENDPOINT_SCHEMAS)) expect(names).toContain(name);
  });
});

describe('endpoint matching', () => {
  it('prefers a literal path over a {ref} pattern and strips the API prefix', () => {
    expect(matchEndpoint('GET', '/v2/auth/sessions')?.name).toBe('auth.sessions');
    expect(matchEndpoint('GET', '/v2/auth/20250625-AU-2FDC223000-C2BFC98A9C-4E')?.name).toBe('auth.status');
    expect(matchEndpoint('GET', '/v2/certificates/enrollments/data')?.name).toBe('certificates.enrollmentData');
    expect(matchEndpoint('delete', '/api/v2/permissions/common/grants/abc/')?.name).toBe('permissions.revoke.common');
    expect(matchEndpoint('POST', '/web/api/permissions')).toBeNull();
    expect(matchEndpoint('GET', '/v2/permissions/query/persons/grants')).toBeNull();
  });

  it('never throws on 1,000 generated paths', () => {
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', ''), fc.webPath(), (m, p) => {
        const e = matchEndpoint(m, p);
        expect(e === null || typeof e.name === 'string').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('schemas', () => {
  const sample = read('permissions-query-persons.response.json') as { permissions: Record<string, unknown>[] };

  it('keep unknown extra fields (KSeF adds fields between releases)', () => {
    const withExtra = {
      ...sample,
      newTopLevel: 1,
      permissions: [{ ...sample.permissions[0], expiresAt: '2027-01-01T00:00:00Z' }],
    };
    const result = parseWith(perms.personPermissionsPage, withExtra);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.data.permissions[0]).toHaveProperty('expiresAt', '2027-01-01T00:00:00Z');
  });

  it('accept a permission value from a newer release, but not a wrong type', () => {
    const newer = { ...sample, permissions: [{ ...sample.permissions[0], permissionScope: 'InvoiceArchive' }] };
    expect(parseWith(perms.personPermissionsPage, newer).ok).toBe(true);
  });

  it.each([
    ['canDelegate', 'yes', 'permissions[0].canDelegate: expected boolean'],
    ['id', 42, 'permissions[0].id: expected string'],
    ['id', 'short', 'permissions[0].id: expected length 36'],
    ['startDate', 'yesterday', 'permissions[0].startDate: expected an ISO-8601 date-time'],
    ['authorizedIdentifier', { type: 'Nip', value: 7762811692 }, 'permissions[0].authorizedIdentifier.value'],
    ['permissionScope', '', 'permissions[0].permissionScope: expected length 1'],
  ])('reject %s = %j with a message naming the field', (field, value, message) => {
    const bad = { ...sample, permissions: [{ ...sample.permissions[0], [field]: value }] };
    const result = parseWith(perms.personPermissionsPage, bad, 'persons');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message.includes(':') ? message : `persons: ${message}`);
  });

  it('reports a missing required field and a wrong top-level type', () => {
    const { hasMore: _drop, ...noHasMore } = sample as unknown as Record<string, unknown>;
    void _drop;
    const missing = parseWith(perms.personPermissionsPage, noHasMore);
    expect(!missing.ok && missing.error).toBe('payload: hasMore: expected boolean');
    const wrong = parseWith(perms.personPermissionsPage, []);
    expect(!wrong.ok && wrong.error).toBe('payload: (root): expected object');
  });

  it('summarise every error body for the user', () => {
    expect(errors.errorSummary(read('error-exception-response.json'))).toMatchObject({ codes: [12345] });
    expect(errors.errorSummary(read('error-bad-request-problem-details.json'))).toMatchObject({ status: 400 });
    expect(errors.errorSummary(read('error-forbidden-problem-details.json'))).toMatchObject({ status: 403 });
    // KSeF 2.8.1 may send a 403 without `timestamp`: still understood, its reason kept.
    const { timestamp: _left, ...without } = read('error-forbidden-problem-details.json') as Record<string, unknown>;
    expect(errors.forbiddenProblem.safeParse(without).success).toBe(true);
    expect(errors.errorSummary(without)).toMatchObject({ status: 403 });
    expect(errors.errorSummary(read('error-too-many-requests-response.json'))?.text).toContain('Too Many Requests');
    expect(errors.errorSummary({ hello: 'world' })).toBeNull();
  });

  it('never throw on 1,000 generated malformed payloads, for every response schema', () => {
    const schemas = Object.values(ENDPOINT_SCHEMAS).flatMap((s) => (s.response ? [s.response] : []));
    const nearMiss = fc.oneof(
      fc.anything(),
      fc.jsonValue(),
      fc
        .constant(sample)
        .chain((s) =>
          fc
            .record({ key: fc.constantFrom(...Object.keys(s.permissions[0]!)), value: fc.anything() })
            .map(({ key, value }) => ({ ...s, permissions: [{ ...s.permissions[0], [key]: value }] })),
        ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...schemas), nearMiss, (schema, input) => {
        const result = parseWith(schema, input);
        if (!result.ok) expect(result.error).toMatch(/^payload: \S/);
      }),
      { numRuns: 1000 },
    );
  });
});
