import { paging, type Call } from './call';
import { badRequest, ok, type Reply } from './reply';
import { rightsOf, sameId } from './rights';
import type { Identifier, PermissionRecord } from './state';
import type { TokenClaims } from './tokens-jwt';

/**
 * The query endpoints of docs/ksef.md §4.7 with their filters, `pageOffset` (page number) / `pageSize`,
 * `hasMore`, and the documented order: `startDate` descending, then `id` ascending.
 */
type Filters = Record<string, unknown> & {
  queryType?: string;
  authorIdentifier?: Identifier | null;
  authorizedIdentifier?: Identifier | null;
  authorizingIdentifier?: Identifier | null;
  contextIdentifier?: Identifier | null;
  targetIdentifier?: Identifier | null;
  subunitIdentifier?: Identifier | null;
  permissionTypes?: string[] | null;
  permissionState?: string | null;
};

const visible = (p: PermissionRecord, now: number) =>
  p.visibleAt <= now && !(p.hiddenAt !== undefined && p.hiddenAt <= now);
const byOrder = (a: PermissionRecord, b: PermissionRecord) =>
  b.startDate.localeCompare(a.startDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const subjectOf = (claims: TokenClaims): Identifier => {
  const i = claims.sub.indexOf(':');
  return { type: claims.sub.slice(0, i), value: claims.sub.slice(i + 1) };
};

function matchesId(filter: Identifier | null | undefined, value: Identifier | null | undefined): boolean {
  if (!filter) return true;
  if (!value) return false;
  if (filter.type === 'System' || filter.type === 'AllPartners') return value.type === filter.type;
  return sameId(filter, value);
}

function page<T>(call: Call, key: string, all: PermissionRecord[], map: (p: PermissionRecord) => T, max = 100): Reply {
  const p = paging(call, 10, max);
  if (typeof p === 'string')
    return badRequest(call.now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', [p]);
  const sorted = all.sort(byOrder);
  const start = p.offset * p.size;
  const reply = ok({ [key]: sorted.slice(start, start + p.size).map(map), hasMore: sorted.length > start + p.size });
  // Not KSeF's: the list's length, for the AP replica's backend that states a total (test/sim/ap/server.ts).
  return { ...reply, headers: { 'x-twin-total-count': String(sorted.length) } };
}

const clean = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function personItem(p: PermissionRecord) {
  return clean({
    id: p.id,
    authorizedIdentifier: p.authorizedIdentifier,
    contextIdentifier: p.kind === 'subunit' ? p.subunitIdentifier : undefined,
    targetIdentifier: p.targetIdentifier,
    authorIdentifier: p.authorIdentifier,
    permissionScope: p.scope,
    description: p.description,
    subjectPersonDetails: p.subjectPersonDetails,
    subjectEntityDetails: p.subjectEntityDetails,
    permissionState: p.state,
    startDate: p.startDate,
    canDelegate: p.canDelegate,
  });
}

export function queryPersons(call: Call, claims: TokenClaims): Reply {
  const f = (call.body ?? {}) as Filters;
  const caller = subjectOf(claims);
  const rows = call.world.permissions.filter(
    (p) =>
      p.context === claims.civ &&
      ['person', 'entity', 'indirect', 'subunit'].includes(p.kind) &&
      visible(p, call.now) &&
      (f.queryType !== 'PermissionsGrantedInCurrentContext' || sameId(p.authorIdentifier, caller)) &&
      matchesId(f.authorIdentifier, p.authorIdentifier) &&
      matchesId(f.authorizedIdentifier, p.authorizedIdentifier) &&
      matchesId(f.contextIdentifier, p.kind === 'subunit' ? p.subunitIdentifier : null) &&
      matchesId(f.targetIdentifier, p.targetIdentifier) &&
      (!f.permissionTypes?.length || f.permissionTypes.includes(p.scope)) &&
      (!f.permissionState || f.permissionState === p.state),
  );
  return page(call, 'permissions', rows, personItem);
}

export function queryPersonal(call: Call, claims: TokenClaims): Reply {
  const f = (call.body ?? {}) as Filters;
  const caller = subjectOf(claims);
  const owner = rightsOf(call.world, caller, claims.civ, call.now).owner;
  const rows = call.world.permissions.filter((p) => {
    if (!visible(p, call.now)) return false;
    const own = p.context === claims.civ && sameId(p.authorizedIdentifier, caller);
    const received = owner && p.kind === 'entity' && sameId(p.authorizedIdentifier, { type: 'Nip', value: claims.civ });
    return (
      (own || received) &&
      matchesId(f.contextIdentifier, { type: 'Nip', value: p.context }) &&
      matchesId(f.targetIdentifier, p.targetIdentifier) &&
      (!f.permissionTypes?.length || f.permissionTypes.includes(p.scope)) &&
      (!f.permissionState || f.permissionState === p.state)
    );
  });
  return page(call, 'permissions', rows, (p) =>
    clean({
      id: p.id,
      contextIdentifier: { type: 'Nip', value: p.context },
      authorizedIdentifier: sameId(p.authorizedIdentifier, caller) ? undefined : p.authorizedIdentifier,
      targetIdentifier: p.targetIdentifier,
      permissionScope: p.scope,
      description: p.description,
      subjectPersonDetails: p.subjectPersonDetails,
      subjectEntityDetails: p.subjectEntityDetails,
      permissionState: p.state,
      startDate: p.startDate,
      canDelegate: p.canDelegate,
    }),
  );
}

/** Provider-side view: invoice permissions other contexts granted to the caller's context (§4.7.3). */
export function queryEntities(call: Call, claims: TokenClaims): Reply {
  const f = (call.body ?? {}) as Filters;
  const rows = call.world.permissions.filter(
    (p) =>
      p.kind === 'entity' &&
      visible(p, call.now) &&
      sameId(p.authorizedIdentifier, { type: 'Nip', value: claims.civ }) &&
      matchesId(f.contextIdentifier, { type: 'Nip', value: p.context }),
  );
  return page(call, 'permissions', rows, (p) => ({
    id: p.id,
    contextIdentifier: { type: 'Nip', value: p.context },
    permissionScope: p.scope,
    description: p.description,
    startDate: p.startDate,
    canDelegate: p.canDelegate,
  }));
}

export function queryAuthorizations(call: Call, claims: TokenClaims): Reply {
  const f = (call.body ?? {}) as Filters;
  const received = f.queryType === 'Received';
  const rows = call.world.permissions.filter(
    (p) =>
      p.kind === 'authorization' &&
      visible(p, call.now) &&
      (received
        ? sameId(p.authorizedIdentifier, { type: 'Nip', value: claims.civ }) &&
          matchesId(f.authorizingIdentifier, { type: 'Nip', value: p.context })
        : p.context === claims.civ && matchesId(f.authorizedIdentifier, p.authorizedIdentifier)) &&
      (!f.permissionTypes?.length || f.permissionTypes.includes(p.scope)),
  );
  return page(call, 'authorizationGrants', rows, (p) =>
    clean({
      id: p.id,
      authorIdentifier: p.authorIdentifier.type === 'System' ? undefined : p.authorIdentifier,
      authorizedEntityIdentifier: p.authorizedIdentifier,
      authorizingEntityIdentifier: { type: 'Nip', value: p.context },
      authorizationScope: p.scope,
      description: p.description,
      subjectEntityDetails: p.subjectEntityDetails,
      startDate: p.startDate,
    }),
  );
}

export function querySubunits(call: Call, claims: TokenClaims): Reply {
  const f = (call.body ?? {}) as Filters;
  const rows = call.world.permissions.filter(
    (p) =>
      p.kind === 'subunit' &&
      p.context === claims.civ &&
      visible(p, call.now) &&
      matchesId(f.subunitIdentifier, p.subunitIdentifier),
  );
  return page(call, 'permissions', rows, (p) =>
    clean({
      id: p.id,
      authorizedIdentifier: p.authorizedIdentifier,
      subunitIdentifier: p.subunitIdentifier,
      authorIdentifier: p.authorIdentifier,
      permissionScope: 'CredentialsManage',
      description: p.description,
      subjectPersonDetails: p.subjectPersonDetails,
      subunitName: p.subunitName,
      startDate: p.startDate,
    }),
  );
}

/** The twin keeps no EU entities or entity roles: these answer empty pages with the same paging rules. */
export function emptyPage(call: Call, key: string): Reply {
  return page(call, key, [], (p) => p);
}
