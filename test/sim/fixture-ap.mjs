import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCertificate } from './tls.mjs';

/**
 * The fixture AP of the foundation issue: one HTTPS server on loopback that answers as the AP hosts (a static
 * "Zarządzaj uprawnieniami" page) and as the API hosts (permission and token lists in the official shapes,
 * with CORS as a browser needs it). The KSeF twin and the AP replica replace it.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const PAGE = readFileSync(path.join(here, '../fixtures/ap/index.html'), 'utf8');

export const FIXTURE_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.fixture-access-token.never-leaves-the-page';
export const CONTEXT_NIP = '5265877635';
export const PROVIDER_NIP = '7762811692';

const grant = (id, identifier, scope, extra = {}) => ({
  id,
  authorizedIdentifier: identifier,
  authorIdentifier: { type: 'Pesel', value: '15062788702' },
  permissionScope: scope,
  description: 'Integracja z programem do faktur',
  permissionState: 'Active',
  startDate: '2026-02-03T10:41:11+00:00',
  canDelegate: false,
  ...extra,
});

export const PERSONS = {
  permissions: [
    grant('0c9a72e8-f344-457f-9c16-7c640eb60242', { type: 'Nip', value: PROVIDER_NIP }, 'InvoiceWrite', {
      subjectEntityDetails: { subjectDetailsType: 'EntityByIdentifier', fullName: 'Fakturowo sp. z o.o.' },
    }),
    grant('1d8b83f9-0455-468a-8d27-8d751fc71353', { type: 'Nip', value: PROVIDER_NIP }, 'InvoiceRead', {
      subjectEntityDetails: { subjectDetailsType: 'EntityByIdentifier', fullName: 'Fakturowo sp. z o.o.' },
    }),
    grant('2e7c94a0-1566-479b-9e38-9e862a082464', { type: 'Pesel', value: '22271569167' }, 'InvoiceRead', {
      description: 'Księgowa – przeglądanie faktur',
      subjectPersonDetails: { subjectDetailsType: 'PersonByIdentifier', firstName: 'Anna', lastName: 'Nowak' },
    }),
  ],
  hasMore: false,
};

export const TOKENS = {
  continuationToken: null,
  tokens: [
    {
      referenceNumber: '20260203-EC-2DD3AFF000-A6B7F19A95-11',
      authorIdentifier: { type: 'Pesel', value: '15062788702' },
      contextIdentifier: { type: 'Nip', value: CONTEXT_NIP },
      description: 'Fakturowo – wystawianie faktur',
      requestedPermissions: ['InvoiceRead', 'InvoiceWrite'],
      dateCreated: '2026-02-03T13:20:52.9919681+00:00',
      status: 'Active',
      statusDetails: [],
    },
  ],
};

function json(res, status, body, origin) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'access-control-allow-origin': origin ?? '*',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

/** Start the fixture on 127.0.0.1 and a free port. Returns `{ port, close, requests }`. */
export async function startFixtureAp() {
  const requests = [];
  const server = createServer(makeCertificate(), (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0];
    const url = new URL(req.url ?? '/', `https://${host}`);
    requests.push({ host, method: req.method, path: url.pathname, authorization: req.headers.authorization ?? null });
    if (host.startsWith('api')) {
      const origin = req.headers.origin;
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': origin ?? '*',
          'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
          'access-control-allow-headers': 'authorization, content-type, x-continuation-token, x-error-format',
          'access-control-max-age': '600',
        });
        return res.end();
      }
      if (req.headers.authorization !== `Bearer ${FIXTURE_TOKEN}`) {
        return json(
          res,
          401,
          { title: 'Unauthorized', status: 401, detail: 'Brak tokenu.', timestamp: new Date().toISOString() },
          origin,
        );
      }
      if (req.method === 'POST' && url.pathname === '/v2/permissions/query/persons/grants')
        return json(res, 200, PERSONS, origin);
      if (req.method === 'GET' && url.pathname === '/v2/tokens') return json(res, 200, TOKENS, origin);
      return json(
        res,
        404,
        { title: 'Not Found', status: 404, detail: url.pathname, timestamp: new Date().toISOString() },
        origin,
      );
    }
    if (host.startsWith('ap') && url.pathname.startsWith('/web')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(PAGE);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
