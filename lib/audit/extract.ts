import { certificateListItem, type CertificateRecord } from '../ksef/schemas/certificates';
import {
  entityAuthorizationGrant,
  personPermission,
  subunitPermission,
  type EntityAuthorizationRecord,
  type PersonPermissionRecord,
  type SubunitPermissionRecord,
} from '../ksef/schemas/permissions';
import { tokenStatus, type TokenRecord } from '../ksef/schemas/tokens';
import type { RecordKind } from '../ksef/endpoints';

/**
 * Finds KSeF records by shape inside any JSON envelope (docs/architecture.md §2), validates each one with its
 * schema, and says how the list pages on. A record that fails validation is counted and left out; the rest
 * of the page still counts.
 */
export interface Extracted {
  kind: RecordKind | null;
  grants: PersonPermissionRecord[];
  authorizations: EntityAuthorizationRecord[];
  subunits: SubunitPermissionRecord[];
  tokens: TokenRecord[];
  certificates: CertificateRecord[];
  rejected: number;
  /** `hasMore` next to the list, or whether a continuation token was given; null when neither was found. */
  hasMore: boolean | null;
  /** The number of records the whole list holds, where the response states it (`total`, `totalCount`, …). */
  total: number | null;
  /** Keys of objects that were searched but held no recognised list (for the diagnostic report). */
  unrecognisedKeys: string[];
}

export const MAX_DEPTH = 4;
export const MAX_RECORDS = 20_000;

function kindOfItem(item: unknown): RecordKind | null {
  if (typeof item !== 'object' || item === null) return null;
  if ('authorizationScope' in item) return 'authorizations';
  if ('subunitIdentifier' in item && 'permissionScope' in item) return 'subunits';
  if ('permissionScope' in item && 'authorizedIdentifier' in item) return 'grants';
  if ('requestedPermissions' in item) return 'tokens';
  if ('certificateSerialNumber' in item && 'validTo' in item) return 'certificates';
  return null;
}

const SCHEMAS = {
  grants: personPermission,
  authorizations: entityAuthorizationGrant,
  subunits: subunitPermission,
  tokens: tokenStatus,
  certificates: certificateListItem,
} as const;

/** Fields beside a list that state how many records the whole list holds. */
const TOTAL_KEYS = ['total', 'totalCount', 'totalElements', 'totalItems', 'count'] as const;

const LIST_KEYS: Record<string, RecordKind | null> = {
  authorizationGrants: 'authorizations',
  tokens: 'tokens',
  certificates: 'certificates',
  permissions: null,
};

interface Located {
  list: unknown[];
  kind: RecordKind;
  parent: Record<string, unknown> | null;
}

function emptyResult(): Extracted {
  return {
    kind: null,
    grants: [],
    authorizations: [],
    subunits: [],
    tokens: [],
    certificates: [],
    rejected: 0,
    hasMore: null,
    total: null,
    unrecognisedKeys: [],
  };
}

/** Find the record lists in a body and how they page on; no record is validated yet. */
function locate(body: unknown, hint: RecordKind | null, out: Extracted): Located[] {
  const found: Located[] = [];
  const take = (list: unknown[], parent: Record<string, unknown> | null, listKey: string | null) => {
    const first = list.find((x) => kindOfItem(x) !== null);
    const kind =
      first !== undefined ? kindOfItem(first) : listKey && listKey in LIST_KEYS ? (LIST_KEYS[listKey] ?? hint) : hint;
    if (!kind) return false;
    if (list.length > 0 && first === undefined) return false;
    out.kind ??= kind;
    if (parent) {
      if (typeof parent.hasMore === 'boolean') out.hasMore = parent.hasMore;
      else if ('continuationToken' in parent || 'next' in parent)
        out.hasMore = !!(parent.continuationToken ?? parent.next);
      const total = TOTAL_KEYS.map((k) => parent[k]).find((v) => Number.isSafeInteger(v) && (v as number) >= 0);
      if (total !== undefined) out.total = total as number;
    }
    found.push({ list, kind, parent });
    return true;
  };
  const walk = (value: unknown, depth: number, parent: Record<string, unknown> | null, key: string | null): boolean => {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return false;
    if (Array.isArray(value)) return take(value, parent, key);
    const obj = value as Record<string, unknown>;
    let any = false;
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'object' && v !== null && walk(v, depth + 1, obj, k)) any = true;
    }
    if (!any && depth <= 1) out.unrecognisedKeys.push(...Object.keys(obj).slice(0, 20));
    return any;
  };
  walk(body, 0, null, null);
  return found;
}

function validate(l: Located, from: number, to: number, out: Extracted): void {
  const schema = SCHEMAS[l.kind];
  const target = out[l.kind] as unknown[];
  for (let i = from; i < to; i++) {
    const taken =
      out.grants.length + out.authorizations.length + out.subunits.length + out.tokens.length + out.certificates.length;
    if (taken >= MAX_RECORDS) {
      out.rejected++;
      continue;
    }
    const parsed = schema.safeParse(l.list[i]);
    if (parsed.success) target.push(parsed.data);
    else out.rejected++;
  }
}

export function extractRecords(body: unknown, hint: RecordKind | null): Extracted {
  const out = emptyResult();
  for (const l of locate(body, hint, out)) validate(l, 0, l.list.length, out);
  return out;
}

/**
 * The same, validating `chunk` records at a time and yielding in between, so that a long list does not
 * hold the page's main thread (the audit's long-task budget).
 */
export async function extractRecordsInChunks(
  body: unknown,
  hint: RecordKind | null,
  yieldNow: () => Promise<void>,
  chunk = 1000,
): Promise<Extracted> {
  const out = emptyResult();
  for (const l of locate(body, hint, out)) {
    for (let from = 0; from < l.list.length; from += chunk) {
      validate(l, from, Math.min(from + chunk, l.list.length), out);
      if (from + chunk < l.list.length) await yieldNow();
    }
  }
  return out;
}
