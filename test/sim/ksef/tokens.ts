import { randomBytes } from 'node:crypto';
import { referenceNumber } from '../ids';
import { continuation, iso, nextToken, pagingRefused, type Call } from './call';
import { badRequest, forbidden, noContent, ok, type Reply } from './reply';
import type { TokenRecord } from './state';
import type { TokenClaims } from './tokens-jwt';

/** KSeF tokens (docs/ksef.md §6): generate, list with continuation paging, status, revoke. */
const subjectOf = (claims: TokenClaims) => {
  const i = claims.sub.indexOf(':');
  return { type: claims.sub.slice(0, i), value: claims.sub.slice(i + 1) };
};
const managesCredentials = (c: TokenClaims) => c.rol.includes('Owner') || c.per.includes('CredentialsManage');
const readsCredentials = (c: TokenClaims) => managesCredentials(c) || c.per.includes('CredentialsRead');
const isAuthor = (t: TokenRecord, c: TokenClaims) => {
  const s = subjectOf(c);
  return t.authorIdentifier.type === s.type && t.authorIdentifier.value === s.value;
};

export function tokenItem(t: TokenRecord) {
  return {
    referenceNumber: t.referenceNumber,
    authorIdentifier: t.authorIdentifier,
    contextIdentifier: t.contextIdentifier,
    description: t.description,
    requestedPermissions: t.requestedPermissions,
    dateCreated: iso(t.dateCreated),
    lastUseDate: t.lastUseDate ? iso(t.lastUseDate) : null,
    status: t.status,
    statusDetails: [],
  };
}

export function generate(call: Call, claims: TokenClaims): Reply {
  const body = call.body as { permissions: string[]; description: string };
  if (claims.cit !== 'Nip' && claims.cit !== 'InternalId') {
    return badRequest(call.now, call.problem, 26002, 'Nie można wygenerować tokena dla tego typu kontekstu.');
  }
  const owner = claims.rol.includes('Owner');
  const lacking = body.permissions.filter((p) => !owner && !claims.per.includes(p));
  if (lacking.length)
    return badRequest(
      call.now,
      call.problem,
      26001,
      'Nie można nadać tokenowi uprawnień, których nie posiadasz.',
      lacking,
    );
  const ref = referenceNumber('EC', call.now);
  const secret = `${ref}|${claims.cit === 'Nip' ? 'nip' : 'internalId'}-${claims.civ}|${randomBytes(32).toString('hex')}`;
  call.world.tokens.push({
    referenceNumber: ref,
    secret,
    authorIdentifier: subjectOf(claims),
    contextIdentifier: { type: claims.cit, value: claims.civ },
    description: body.description,
    requestedPermissions: [...new Set(body.permissions)],
    dateCreated: call.now,
    activatesAt: call.now + call.world.config.operationDelayMs,
    status: 'Pending',
  });
  return ok({ referenceNumber: ref, token: secret }, 202);
}

function visibleTokens(call: Call, claims: TokenClaims): TokenRecord[] {
  const all = readsCredentials(claims);
  return call.world.tokens.filter((t) => t.contextIdentifier.value === claims.civ && (all || isAuthor(t, claims)));
}

export function list(call: Call, claims: TokenClaims): Reply {
  const page = continuation(call);
  if ('code' in page) return pagingRefused(call, page);
  const statuses = call.query.getAll('status');
  const description = call.query.get('description')?.toLowerCase();
  const author = call.query.get('authorIdentifier');
  const authorType = call.query.get('authorIdentifierType');
  const rows = visibleTokens(call, claims)
    .filter(
      (t) =>
        (!statuses.length || statuses.includes(t.status)) &&
        (!description || t.description.toLowerCase().includes(description)) &&
        (!author || String(t.authorIdentifier.value).includes(author)) &&
        (!authorType || t.authorIdentifier.type === authorType),
    )
    .sort((a, b) => b.dateCreated - a.dateCreated);
  const more = page.start + page.size < rows.length;
  return ok({
    continuationToken: more ? nextToken(page.start + page.size) : null,
    tokens: rows.slice(page.start, page.start + page.size).map(tokenItem),
  });
}

export function status(call: Call, claims: TokenClaims, ref: string): Reply {
  const t = visibleTokens(call, claims).find((x) => x.referenceNumber === ref);
  if (!t)
    return badRequest(call.now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', [`referenceNumber ${ref}`]);
  return ok(tokenItem(t));
}

export function revoke(call: Call, claims: TokenClaims, ref: string): Reply {
  const t = call.world.tokens.find((x) => x.referenceNumber === ref && x.contextIdentifier.value === claims.civ);
  if (!t)
    return badRequest(call.now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', [`referenceNumber ${ref}`]);
  if (!managesCredentials(claims) && !isAuthor(t, claims)) {
    return forbidden(call.now, 'insufficient-resource-access', 'Brak dostępu do zasobu.', null);
  }
  if (t.status === 'Active' || t.status === 'Pending') {
    t.status = 'Revoking';
    t.activatesAt = call.now + call.world.config.operationDelayMs;
  }
  return noContent();
}
