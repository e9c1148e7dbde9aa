import { permissionId, referenceNumber } from '../ids';
import { iso, type Call } from './call';
import { badRequest, gone, ok, type Reply } from './reply';
import { OPERATION_STATUS_TEXT, type Identifier, type PermissionRecord, type RecordKind } from './state';
import type { TokenClaims } from './tokens-jwt';

/** Grants, revokes and operation status (docs/ksef.md §4.4–4.6): every change is an asynchronous operation. */
const KEEP_OPERATIONS_MS = 30 * 24 * 3600_000;

function authorOf(claims: TokenClaims): Identifier {
  const i = claims.sub.indexOf(':');
  return { type: claims.sub.slice(0, i), value: claims.sub.slice(i + 1) };
}

function operation(call: Call, context: string, effect: (at: number) => void): Reply {
  const world = call.world;
  const ref = referenceNumber('EG', call.now);
  const finalCode = world.nextOperationCode();
  world.operations.set(ref, {
    ref,
    context,
    createdAt: call.now,
    completesAt: call.now + world.config.operationDelayMs,
    finalCode,
    description: OPERATION_STATUS_TEXT[finalCode]?.pl ?? 'Operacja zakończona niepowodzeniem',
    effect,
    done: false,
  });
  return ok({ referenceNumber: ref }, 202);
}

type Draft = Omit<
  PermissionRecord,
  'id' | 'context' | 'authorIdentifier' | 'state' | 'startDate' | 'effectiveAt' | 'visibleAt'
>;

function grant(call: Call, claims: TokenClaims, drafts: Draft[]): Reply {
  const context = claims.civ;
  const author = authorOf(claims);
  return operation(call, context, (at) => {
    for (const d of drafts) {
      call.world.permissions.push({
        ...d,
        id: permissionId(),
        context,
        authorIdentifier: author,
        state: 'Active',
        startDate: iso(at),
        effectiveAt: at,
        visibleAt: at + call.world.config.visibilityLagMs,
      });
    }
  });
}

interface SubjectDetails {
  subjectDetailsType?: string;
  fullName?: string;
  personById?: { firstName: string; lastName: string };
  personByFpWithId?: { firstName: string; lastName: string };
  personByFpNoId?: { firstName: string; lastName: string };
}

function personDetails(d: SubjectDetails) {
  const p = d.personById ?? d.personByFpWithId ?? d.personByFpNoId;
  return p
    ? { subjectDetailsType: d.subjectDetailsType ?? 'PersonByIdentifier', firstName: p.firstName, lastName: p.lastName }
    : undefined;
}

type Body = Record<string, unknown> & {
  subjectIdentifier: Identifier;
  description: string;
  subjectDetails: SubjectDetails;
};

export function grantEndpoint(call: Call, claims: TokenClaims, template: string): Reply {
  const b = call.body as Body;
  const base = { authorizedIdentifier: b.subjectIdentifier, description: b.description, canDelegate: false };
  const kinds: Record<string, () => Draft[]> = {
    '/permissions/persons/grants': () =>
      (b.permissions as string[]).map((scope) => ({
        ...base,
        kind: 'person' as RecordKind,
        scope,
        subjectPersonDetails: personDetails(b.subjectDetails),
      })),
    '/permissions/entities/grants': () =>
      (b.permissions as { type: string; canDelegate?: boolean }[]).map((p) => ({
        ...base,
        kind: 'entity' as RecordKind,
        scope: p.type,
        canDelegate: p.canDelegate === true,
        subjectEntityDetails: { subjectDetailsType: 'EntityByIdentifier', fullName: b.subjectDetails.fullName ?? '' },
      })),
    '/permissions/authorizations/grants': () => [
      {
        ...base,
        kind: 'authorization' as RecordKind,
        scope: b.permission as string,
        subjectEntityDetails: { subjectDetailsType: 'EntityByIdentifier', fullName: b.subjectDetails.fullName ?? '' },
      },
    ],
    '/permissions/indirect/grants': () =>
      (b.permissions as string[]).map((scope) => ({
        ...base,
        kind: 'indirect' as RecordKind,
        scope,
        targetIdentifier: (b.targetIdentifier as Identifier | undefined) ?? { type: 'AllPartners' },
        subjectPersonDetails: personDetails(b.subjectDetails),
      })),
    '/permissions/subunits/grants': () => [
      {
        ...base,
        kind: 'subunit' as RecordKind,
        scope: 'CredentialsManage',
        subunitIdentifier: b.contextIdentifier as Identifier,
        subunitName: (b.subunitName as string | undefined) ?? undefined,
        subjectPersonDetails: personDetails(b.subjectDetails),
      },
    ],
  };
  const make = kinds[template];
  if (!make)
    return badRequest(call.now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', [
      `${template} is not simulated`,
    ]);
  return grant(call, claims, make());
}

/** `DELETE /permissions/common/grants/{id}` and `/permissions/authorizations/grants/{id}`. */
export function revoke(call: Call, claims: TokenClaims, id: string, authorizations: boolean): Reply {
  if (id.length !== 36)
    return badRequest(call.now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', ['permissionId']);
  const rec = call.world.permissions.find(
    (p) =>
      p.id === id &&
      p.context === claims.civ &&
      (p.kind === 'authorization') === authorizations &&
      p.revokedAt === undefined,
  );
  const reply = operation(call, claims.civ, (at) => {
    if (!rec || rec.revokedAt !== undefined) return;
    rec.revokedAt = at;
    rec.hiddenAt = at + call.world.config.visibilityLagMs;
  });
  // A grant that does not exist (any more) fails in the operation, not in the call (§4.6, §10.4).
  if (!rec) {
    const op = call.world.operations.get((reply.body as { referenceNumber: string }).referenceNumber)!;
    if (op.finalCode === 200) {
      op.finalCode = 410;
      op.description = OPERATION_STATUS_TEXT[410]!.pl;
    }
  }
  return reply;
}

export function operationStatus(call: Call, claims: TokenClaims, ref: string): Reply {
  const op = call.world.operations.get(ref);
  if (!op || op.context !== claims.civ)
    return badRequest(call.now, call.problem, 21405, 'Błąd walidacji danych wejściowych.', [`referenceNumber ${ref}`]);
  if (call.now - op.createdAt > KEEP_OPERATIONS_MS) return gone(call.now);
  if (!op.done) return ok({ status: { code: 100, description: OPERATION_STATUS_TEXT[100]!.pl } });
  return ok({ status: { code: op.finalCode, description: op.description, details: op.details ?? null } });
}
