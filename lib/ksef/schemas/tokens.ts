import * as z from 'zod/mini';
import { dateTime, identifier, IDENTIFIER_TYPES_CONTEXT, IDENTIFIER_TYPES_PERSON, openEnum, ref36 } from './common';

/** KSeF tokens (docs/ksef.md §6). */
export const TOKEN_STATUSES = ['Pending', 'Active', 'Revoking', 'Revoked', 'Failed'] as const;
export const TOKEN_PERMISSIONS = [
  'InvoiceRead',
  'InvoiceWrite',
  'CredentialsRead',
  'CredentialsManage',
  'SubunitManage',
  'EnforcementOperations',
  'Introspection',
] as const;

export const tokenStatus = z.looseObject({
  referenceNumber: ref36,
  authorIdentifier: identifier(IDENTIFIER_TYPES_PERSON),
  contextIdentifier: identifier(IDENTIFIER_TYPES_CONTEXT),
  description: z.string(),
  requestedPermissions: z.array(openEnum(TOKEN_PERMISSIONS)),
  dateCreated: dateTime,
  lastUseDate: z.nullish(dateTime),
  status: openEnum(TOKEN_STATUSES),
  statusDetails: z.nullish(z.array(z.string())),
});
export type TokenRecord = z.infer<typeof tokenStatus>;

/** `GET /tokens`: continuation-token paging; null or empty means the last page. */
export const tokensPage = z.looseObject({
  continuationToken: z.nullish(z.string()),
  tokens: z.array(tokenStatus),
});

/** `POST /tokens` 202: the token itself is shown once; we never keep it. */
export const tokenGenerated = z.looseObject({ referenceNumber: ref36, token: z.string().check(z.maxLength(160)) });
