import { describe, expect, it } from 'vitest';
import type { KsefClient } from '../ksef-client';
import { ACCOUNTANT, PROVIDER, USER } from '../people';
import { signerFor, signXml } from '../signer';
import { verifySignedRequest } from '../xades-verify';
import { checkAllResponsesAgainstSpec, sleep, twin } from './kit';

checkAllResponsesAgainstSpec();

/**
 * The official client's E2E permission flows (docs/ksef-api.md §11), logged in the way those tests log in: a
 * self-signed personal certificate whose `serialNumber` is `TINPL-<NIP>`, read with KSeF's own subject patterns.
 */
const official = () =>
  signerFor({ type: 'Nip', value: USER.nip, name: 'Jan Testowy' }, `serialNumber=TINPL-${USER.nip}`);

interface Row {
  id: string;
  permissionScope: string;
  description: string;
  permissionState: string;
  startDate: string;
  authorizedIdentifier: { type: string; value: string };
  authorIdentifier: { type: string; value: string };
  canDelegate?: boolean;
}
interface Page {
  permissions: Row[];
  hasMore: boolean;
}

/** Poll a query until `done` holds, moving the twin's clock past its visibility lag between tries. */
async function pollUntil(t: ReturnType<typeof twin>, query: () => Promise<Page>, done: (rows: Row[]) => boolean) {
  for (let i = 0; i < 10; i++) {
    const rows = (await query()).permissions;
    if (done(rows)) return rows;
    t.clock.advance(15_000);
  }
  throw new Error('the list never reached the expected state');
}

async function revokeAll(api: KsefClient, token: string, ids: string[], path = '/permissions/common/grants') {
  for (const id of ids) {
    const op = await api.ok<{ referenceNumber: string }>('DELETE', `${path}/${id}`, { token });
    expect((await api.waitForOperation(token, op.referenceNumber)).code).toBe(200);
  }
}

describe('twin: the official client E2E flows with the official login', () => {
  it('reads the identity with KSeF patterns: TINPL-, NIP, VATPL-, PNOPL-, PESEL', () => {
    const cases: [string, { nip: string | null; pesel: string | null }][] = [
      [`serialNumber=TINPL-${USER.nip}`, { nip: USER.nip, pesel: null }],
      [`serialNumber=NIP:${USER.nip}`, { nip: USER.nip, pesel: null }],
      [`organizationIdentifier=VATPL-${USER.nip}`, { nip: USER.nip, pesel: null }],
      [`serialNumber=PNOPL-${USER.ownerPesel}`, { nip: null, pesel: USER.ownerPesel }],
      [`serialNumber=PESEL ${USER.ownerPesel}`, { nip: null, pesel: USER.ownerPesel }],
      [`serialNumber=${USER.nip}`, { nip: null, pesel: null }],
    ];
    for (const [attr, expected] of cases) {
      const s = signerFor({ type: 'Nip', value: USER.nip, name: 'Podpis' }, attr);
      const xml = signedProbe(s);
      expect(verifySignedRequest(xml), attr).toMatchObject({ ok: true, ...expected });
    }
  });

  it('entity grant: Read delegable + Write → both listed with their description → roles → revoke each → gone', async () => {
    const t = twin({ scenario: 'clean', config: { visibilityLagMs: 15_000 } });
    const { accessToken: token } = await t.api.login(official(), USER.nip);
    const grant = await t.api.ok<{ referenceNumber: string }>('POST', '/permissions/entities/grants', {
      token,
      body: {
        subjectIdentifier: { type: 'Nip', value: PROVIDER.nip },
        permissions: [
          { type: 'InvoiceRead', canDelegate: true },
          { type: 'InvoiceWrite', canDelegate: false },
        ],
        description: 'E2E – nadanie uprawnień podmiotowi',
        subjectDetails: { fullName: PROVIDER.name },
      },
    });
    expect((await t.api.waitForOperation(token, grant.referenceNumber)).code).toBe(200);
    const query = () =>
      t.api.ok<Page>('POST', '/permissions/query/persons/grants?pageOffset=0&pageSize=10', {
        token,
        body: { queryType: 'PermissionsInCurrentContext', authorizedIdentifier: { type: 'Nip', value: PROVIDER.nip } },
      });
    const rows = await pollUntil(t, query, (r) => r.length === 2);
    expect(rows.map((r) => r.permissionScope).sort()).toEqual(['InvoiceRead', 'InvoiceWrite']);
    expect(rows.every((r) => r.description === 'E2E – nadanie uprawnień podmiotowi')).toBe(true);
    const roles = await t.api.call('GET', '/permissions/query/entities/roles?pageOffset=0&pageSize=10', { token });
    expect(roles.status).toBe(200);
    await revokeAll(
      t.api,
      token,
      rows.map((r) => r.id),
    );
    expect(await pollUntil(t, query, (r) => r.length === 0)).toEqual([]);
  });

  it('person grant: a PESEL grantee, pageSize 10 and a permission filter, rows with author, state and start', async () => {
    const t = twin({ scenario: 'clean', config: { visibilityLagMs: 15_000 } });
    const { accessToken: token } = await t.api.login(official(), USER.nip);
    const grant = await t.api.ok<{ referenceNumber: string }>('POST', '/permissions/persons/grants', {
      token,
      body: {
        subjectIdentifier: { type: 'Pesel', value: ACCOUNTANT.pesel },
        permissions: ['InvoiceRead', 'InvoiceWrite'],
        description: 'E2E – nadanie uprawnień osobie',
        subjectDetails: {
          subjectDetailsType: 'PersonByIdentifier',
          personById: { firstName: ACCOUNTANT.firstName, lastName: ACCOUNTANT.lastName },
        },
      },
    });
    expect((await t.api.waitForOperation(token, grant.referenceNumber)).code).toBe(200);
    const query = () =>
      t.api.ok<Page>('POST', '/permissions/query/persons/grants?pageOffset=0&pageSize=10', {
        token,
        body: {
          queryType: 'PermissionsInCurrentContext',
          authorizedIdentifier: { type: 'Pesel', value: ACCOUNTANT.pesel },
          permissionTypes: ['InvoiceWrite'],
        },
      });
    const [row] = await pollUntil(t, query, (r) => r.length === 1);
    expect(row).toMatchObject({
      permissionScope: 'InvoiceWrite',
      authorizedIdentifier: { type: 'Pesel', value: ACCOUNTANT.pesel },
      authorIdentifier: { type: 'Nip', value: USER.nip },
      permissionState: 'Active',
    });
    expect(row!.id).toBeTruthy();
    expect(Number.isNaN(Date.parse(row!.startDate))).toBe(false);
    await revokeAll(t.api, token, [row!.id]);
    expect(await pollUntil(t, query, (r) => r.length === 0)).toEqual([]);
  });

  it('authorization: SelfInvoicing to a NIP, listed as Granted, revoked through authorizations/grants', async () => {
    const t = twin({ scenario: 'clean', config: { visibilityLagMs: 15_000 } });
    const { accessToken: token } = await t.api.login(official(), USER.nip);
    const grant = await t.api.ok<{ referenceNumber: string }>('POST', '/permissions/authorizations/grants', {
      token,
      body: {
        subjectIdentifier: { type: 'Nip', value: PROVIDER.nip },
        permission: 'SelfInvoicing',
        description: 'E2E – samofakturowanie',
        subjectDetails: { fullName: PROVIDER.name },
      },
    });
    expect((await t.api.waitForOperation(token, grant.referenceNumber)).code).toBe(200);
    const query = () =>
      t.api.ok<{ authorizationGrants: { id: string; authorizationScope: string }[]; hasMore: boolean }>(
        'POST',
        '/permissions/query/authorizations/grants?pageOffset=0&pageSize=10',
        { token, body: { queryType: 'Granted', authorizedIdentifier: { type: 'Nip', value: PROVIDER.nip } } },
      );
    let grants = (await query()).authorizationGrants;
    for (let i = 0; grants.length === 0 && i < 5; i++) {
      t.clock.advance(15_000);
      grants = (await query()).authorizationGrants;
    }
    expect(grants.map((g) => g.authorizationScope)).toEqual(['SelfInvoicing']);
    await revokeAll(t.api, token, [grants[0]!.id], '/permissions/authorizations/grants');
    t.clock.advance(15_000);
    expect((await query()).authorizationGrants).toEqual([]);
  });

  it('token: generate Read+Write → Active → log in with it → revoke → Revoked', async () => {
    const t = twin({ scenario: 'clean' });
    const s = await t.api.login(official(), USER.nip);
    const gen = await t.api.ok<{ referenceNumber: string; token: string }>('POST', '/tokens', {
      token: s.accessToken,
      body: { permissions: ['InvoiceRead', 'InvoiceWrite'], description: 'E2E – token' },
    });
    const statusOf = async () =>
      (
        await t.api.ok<{ status: string }>('GET', `/tokens/${gen.referenceNumber}`, {
          token: s.accessToken,
        })
      ).status;
    let status = await statusOf();
    for (let i = 0; status === 'Pending' && i < 50; i++) {
      await sleep(20);
      status = await statusOf();
    }
    expect(status).toBe('Active');
    const withToken = await t.api.loginWithKsefToken(gen.token, USER.nip);
    expect(withToken.accessToken).toBeTruthy();
    expect((await t.api.call('DELETE', `/tokens/${gen.referenceNumber}`, { token: s.accessToken })).status).toBe(204);
    for (let i = 0; status !== 'Revoked' && i < 50; i++) {
      await sleep(20);
      status = await statusOf();
    }
    expect(status).toBe('Revoked');
  });
});

function signedProbe(s: ReturnType<typeof signerFor>): string {
  const xml =
    `<?xml version="1.0" encoding="utf-8"?>\n<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.0">` +
    `<Challenge>20260101-CR-0000000000-0000000000-00</Challenge>` +
    `<ContextIdentifier><Nip>${USER.nip}</Nip></ContextIdentifier>` +
    `<SubjectIdentifierType>certificateSubject</SubjectIdentifierType></AuthTokenRequest>`;
  return signXml(xml, s);
}
