import * as z from 'zod/mini';
import { ENTITY_AUTHORIZATIONS, ENTITY_ROLES, PERSON_PERMISSIONS } from '../vocabulary';
import { dateTime, identifier, IDENTIFIER_TYPES_PERSON, openEnum, ref36, statusInfo } from './common';

/** Query responses of docs/ksef.md §4.7 and the operation endpoints of §4.4–4.6. */
const personScope = openEnum(PERSON_PERMISSIONS);
const permissionState = openEnum(['Active', 'Inactive']);

export const subjectPersonDetails = z.looseObject({
  subjectDetailsType: openEnum([
    'PersonByIdentifier',
    'PersonByFingerprintWithIdentifier',
    'PersonByFingerprintWithoutIdentifier',
  ]),
  firstName: z.string(),
  lastName: z.string(),
  personIdentifier: z.nullish(identifier(['Pesel', 'Nip'])),
  birthDate: z.nullish(z.string()),
  idDocument: z.nullish(z.looseObject({ type: z.string(), number: z.string(), country: z.string() })),
});

export const subjectEntityDetails = z.looseObject({
  subjectDetailsType: openEnum(['EntityByIdentifier', 'EntityByFingerprint']),
  fullName: z.string(),
  address: z.nullish(z.string()),
});

export const personPermission = z.looseObject({
  id: ref36,
  authorizedIdentifier: identifier(IDENTIFIER_TYPES_PERSON),
  contextIdentifier: z.nullish(identifier(['Nip', 'InternalId'])),
  targetIdentifier: z.nullish(identifier(['Nip', 'AllPartners', 'InternalId'])),
  authorIdentifier: identifier(['Nip', 'Pesel', 'Fingerprint', 'System']),
  permissionScope: personScope,
  description: z.string(),
  subjectPersonDetails: z.nullish(subjectPersonDetails),
  subjectEntityDetails: z.nullish(subjectEntityDetails),
  permissionState,
  startDate: dateTime,
  canDelegate: z.boolean(),
});
export type PersonPermissionRecord = z.infer<typeof personPermission>;

export const personalPermission = z.looseObject({
  id: ref36,
  contextIdentifier: z.nullish(identifier(['Nip', 'InternalId'])),
  authorizedIdentifier: z.nullish(identifier(IDENTIFIER_TYPES_PERSON)),
  targetIdentifier: z.nullish(identifier(['Nip', 'AllPartners', 'InternalId'])),
  permissionScope: openEnum([...PERSON_PERMISSIONS, 'VatUeManage']),
  description: z.string(),
  subjectPersonDetails: z.nullish(subjectPersonDetails),
  subjectEntityDetails: z.nullish(subjectEntityDetails),
  permissionState,
  startDate: dateTime,
  canDelegate: z.boolean(),
});

export const entityPermissionItem = z.looseObject({
  id: ref36,
  contextIdentifier: identifier(['Nip', 'InternalId']),
  permissionScope: openEnum(['InvoiceWrite', 'InvoiceRead']),
  description: z.string(),
  startDate: dateTime,
  canDelegate: z.boolean(),
});

export const entityAuthorizationGrant = z.looseObject({
  id: ref36,
  authorIdentifier: z.nullish(identifier(IDENTIFIER_TYPES_PERSON)),
  authorizedEntityIdentifier: identifier(['Nip', 'PeppolId']),
  authorizingEntityIdentifier: identifier(['Nip']),
  authorizationScope: openEnum(ENTITY_AUTHORIZATIONS),
  description: z.string(),
  subjectEntityDetails: z.nullish(subjectEntityDetails),
  startDate: dateTime,
});
export type EntityAuthorizationRecord = z.infer<typeof entityAuthorizationGrant>;

export const subunitPermission = z.looseObject({
  id: ref36,
  authorizedIdentifier: identifier(IDENTIFIER_TYPES_PERSON),
  subunitIdentifier: identifier(['InternalId', 'Nip']),
  authorIdentifier: identifier(IDENTIFIER_TYPES_PERSON),
  permissionScope: openEnum(['CredentialsManage']),
  description: z.string(),
  subjectPersonDetails: z.nullish(subjectPersonDetails),
  subunitName: z.nullish(z.string()),
  startDate: dateTime,
});
export type SubunitPermissionRecord = z.infer<typeof subunitPermission>;

export const euEntityPermission = z.looseObject({
  id: ref36,
  authorIdentifier: identifier(IDENTIFIER_TYPES_PERSON),
  vatUeIdentifier: z.string(),
  euEntityName: z.string(),
  authorizedFingerprintIdentifier: z.string(),
  permissionScope: openEnum(['VatUeManage', 'InvoiceWrite', 'InvoiceRead', 'Introspection']),
  description: z.string(),
  subjectPersonDetails: z.nullish(subjectPersonDetails),
  subjectEntityDetails: z.nullish(subjectEntityDetails),
  euEntityDetails: z.nullish(z.looseObject({ fullName: z.string(), address: z.string() })),
  startDate: dateTime,
});

export const entityRole = z.looseObject({
  parentEntityIdentifier: z.nullish(identifier(['Nip'])),
  role: openEnum(ENTITY_ROLES),
  description: z.string(),
  startDate: dateTime,
});

export const subordinateEntityRole = z.looseObject({
  subordinateEntityIdentifier: identifier(['Nip']),
  role: openEnum(['LocalGovernmentSubUnit', 'VatGroupSubUnit']),
  description: z.string(),
  startDate: dateTime,
});

export const personPermissionsPage = z.looseObject({ permissions: z.array(personPermission), hasMore: z.boolean() });
export const personalPermissionsPage = z.looseObject({
  permissions: z.array(personalPermission),
  hasMore: z.boolean(),
});
export const entityPermissionsPage = z.looseObject({
  permissions: z.array(entityPermissionItem),
  hasMore: z.boolean(),
});
export const authorizationGrantsPage = z.looseObject({
  authorizationGrants: z.array(entityAuthorizationGrant),
  hasMore: z.boolean(),
});
export const subunitPermissionsPage = z.looseObject({ permissions: z.array(subunitPermission), hasMore: z.boolean() });
export const euEntityPermissionsPage = z.looseObject({
  permissions: z.array(euEntityPermission),
  hasMore: z.boolean(),
});
export const entityRolesPage = z.looseObject({ roles: z.array(entityRole), hasMore: z.boolean() });
export const subordinateEntityRolesPage = z.looseObject({
  roles: z.array(subordinateEntityRole),
  hasMore: z.boolean(),
});

/** 202 answer of every grant and revoke. */
export const operationAccepted = z.looseObject({ referenceNumber: ref36 });
/** `GET /permissions/operations/{ref}`: 100 in progress, 200 done, anything else failed (§4.6). */
export const operationStatus = z.looseObject({ status: statusInfo });
export type OperationStatus = z.infer<typeof operationStatus>;
