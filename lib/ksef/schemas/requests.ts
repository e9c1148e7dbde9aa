import * as z from 'zod/mini';
import { ENTITY_AUTHORIZATIONS, PERSON_PERMISSIONS } from '../vocabulary';
import { identifier, IDENTIFIER_TYPES_CONTEXT, IDENTIFIER_TYPES_PERSON, openEnum, ref36 } from './common';
import { TOKEN_PERMISSIONS } from './tokens';

/**
 * Request bodies the AP sends and the observer may replay (docs/ksef.md §3.3, §4.4, §4.7, §5, §6). Read to know
 * what a captured query asked for; a body is never built from page data without passing one of these.
 */
const personScopes = z.array(openEnum(PERSON_PERMISSIONS));
const description = z.string();
const fullName = z.looseObject({ fullName: z.string() });
const personDetails = z.looseObject({ subjectDetailsType: z.string() });

export const personsQueryRequest = z.looseObject({
  queryType: openEnum(['PermissionsInCurrentContext', 'PermissionsGrantedInCurrentContext']),
  authorIdentifier: z.nullish(identifier(['Nip', 'Pesel', 'Fingerprint', 'System'])),
  authorizedIdentifier: z.nullish(identifier(IDENTIFIER_TYPES_PERSON)),
  contextIdentifier: z.nullish(identifier(['Nip', 'InternalId'])),
  targetIdentifier: z.nullish(identifier(['Nip', 'AllPartners', 'InternalId'])),
  permissionTypes: z.nullish(personScopes),
  permissionState: z.nullish(openEnum(['Active', 'Inactive'])),
});
export type PersonsQueryRequest = z.infer<typeof personsQueryRequest>;

export const personalQueryRequest = z.looseObject({
  contextIdentifier: z.nullish(identifier(['Nip', 'InternalId'])),
  targetIdentifier: z.nullish(identifier(['Nip', 'AllPartners', 'InternalId'])),
  permissionTypes: z.nullish(z.array(openEnum([...PERSON_PERMISSIONS, 'VatUeManage']))),
  permissionState: z.nullish(openEnum(['Active', 'Inactive'])),
});

export const entitiesQueryRequest = z.looseObject({ contextIdentifier: z.nullish(identifier(['Nip', 'InternalId'])) });

export const authorizationsQueryRequest = z.looseObject({
  queryType: openEnum(['Granted', 'Received']),
  authorizingIdentifier: z.nullish(identifier(['Nip'])),
  authorizedIdentifier: z.nullish(identifier(['Nip', 'PeppolId'])),
  permissionTypes: z.nullish(z.array(openEnum(ENTITY_AUTHORIZATIONS))),
});

export const subunitsQueryRequest = z.looseObject({ subunitIdentifier: z.nullish(identifier(['InternalId', 'Nip'])) });

export const euEntitiesQueryRequest = z.looseObject({
  vatUeIdentifier: z.nullish(z.string()),
  authorizedFingerprintIdentifier: z.nullish(z.string()),
  permissionTypes: z.nullish(z.array(z.string())),
});

export const subordinateRolesQueryRequest = z.looseObject({
  subordinateEntityIdentifier: z.nullish(identifier(['Nip'])),
});

export const certificatesQueryRequest = z.looseObject({
  certificateSerialNumber: z.nullish(z.string()),
  name: z.nullish(z.string()),
  type: z.nullish(openEnum(['Authentication', 'Offline'])),
  status: z.nullish(openEnum(['Active', 'Blocked', 'Revoked', 'Expired'])),
  expiresAfter: z.nullish(z.string()),
});

export const personsGrantRequest = z.looseObject({
  subjectIdentifier: identifier(IDENTIFIER_TYPES_PERSON),
  permissions: personScopes,
  description,
  subjectDetails: personDetails,
});

export const entitiesGrantRequest = z.looseObject({
  subjectIdentifier: identifier(['Nip']),
  permissions: z.array(
    z.looseObject({ type: openEnum(['InvoiceWrite', 'InvoiceRead']), canDelegate: z.nullish(z.boolean()) }),
  ),
  description,
  subjectDetails: fullName,
});

export const authorizationsGrantRequest = z.looseObject({
  subjectIdentifier: identifier(['Nip', 'PeppolId']),
  permission: openEnum(ENTITY_AUTHORIZATIONS),
  description,
  subjectDetails: fullName,
});

export const indirectGrantRequest = z.looseObject({
  subjectIdentifier: identifier(IDENTIFIER_TYPES_PERSON),
  targetIdentifier: z.nullish(identifier(['Nip', 'AllPartners', 'InternalId'])),
  permissions: z.array(openEnum(['InvoiceRead', 'InvoiceWrite'])),
  description,
  subjectDetails: personDetails,
});

export const subunitsGrantRequest = z.looseObject({
  subjectIdentifier: identifier(IDENTIFIER_TYPES_PERSON),
  contextIdentifier: identifier(['InternalId', 'Nip']),
  description,
  subunitName: z.nullish(z.string()),
  subjectDetails: personDetails,
});

export const euAdministrationGrantRequest = z.looseObject({
  subjectIdentifier: identifier(['Fingerprint']),
  contextIdentifier: identifier(['NipVatUe']),
  description,
  euEntityName: z.string(),
  subjectDetails: personDetails,
  euEntityDetails: z.looseObject({ fullName: z.string(), address: z.string() }),
});

export const euEntitiesGrantRequest = z.looseObject({
  subjectIdentifier: identifier(['Fingerprint']),
  permissions: z.array(openEnum(['InvoiceRead', 'InvoiceWrite'])),
  description,
  subjectDetails: personDetails,
});

export const tokensGenerateRequest = z.looseObject({
  permissions: z.array(openEnum(TOKEN_PERMISSIONS)),
  description,
});

export const ksefTokenAuthRequest = z.looseObject({
  challenge: ref36,
  contextIdentifier: identifier(IDENTIFIER_TYPES_CONTEXT),
  encryptedToken: z.string(),
  publicKeyId: z.nullish(z.string()),
  authorizationPolicy: z.nullish(z.looseObject({})),
});

export const certificatesEnrollmentRequest = z.looseObject({
  certificateName: z.string(),
  certificateType: openEnum(['Authentication', 'Offline']),
  csr: z.string(),
  validFrom: z.nullish(z.string()),
});

export const certificatesRetrieveRequest = z.looseObject({
  certificateSerialNumbers: z.array(z.string()).check(z.minLength(1), z.maxLength(10)),
});

export const invoicesQueryMetadataRequest = z.looseObject({
  subjectType: z.string(),
  dateRange: z.looseObject({ dateType: z.string(), from: z.string(), to: z.nullish(z.string()) }),
});
