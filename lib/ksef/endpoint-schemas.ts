import type * as z from 'zod/mini';
import * as auth from './schemas/auth';
import * as certs from './schemas/certificates';
import * as misc from './schemas/misc';
import * as perms from './schemas/permissions';
import * as req from './schemas/requests';
import * as tokens from './schemas/tokens';

/** Schemas of each endpoint of `endpoints.ts`: the request body and the success response body. */
export interface EndpointSchemas {
  request?: z.ZodMiniType;
  response?: z.ZodMiniType;
}

export const ENDPOINT_SCHEMAS: Readonly<Record<string, EndpointSchemas>> = {
  'auth.challenge': { response: auth.authChallenge },
  'auth.xades': { response: auth.authInit },
  'auth.ksefToken': { request: req.ksefTokenAuthRequest, response: auth.authInit },
  'auth.redeem': { response: auth.authTokens },
  'auth.refresh': { response: auth.authRefreshed },
  'auth.sessions': { response: auth.authSessionsPage },
  'auth.status': { response: auth.authStatus },
  'permissions.grant.persons': { request: req.personsGrantRequest, response: perms.operationAccepted },
  'permissions.grant.entities': { request: req.entitiesGrantRequest, response: perms.operationAccepted },
  'permissions.grant.authorizations': { request: req.authorizationsGrantRequest, response: perms.operationAccepted },
  'permissions.grant.indirect': { request: req.indirectGrantRequest, response: perms.operationAccepted },
  'permissions.grant.subunits': { request: req.subunitsGrantRequest, response: perms.operationAccepted },
  'permissions.grant.euAdministration': {
    request: req.euAdministrationGrantRequest,
    response: perms.operationAccepted,
  },
  'permissions.grant.euEntities': { request: req.euEntitiesGrantRequest, response: perms.operationAccepted },
  'permissions.revoke.common': { response: perms.operationAccepted },
  'permissions.revoke.authorizations': { response: perms.operationAccepted },
  'permissions.operation': { response: perms.operationStatus },
  'permissions.query.persons': { request: req.personsQueryRequest, response: perms.personPermissionsPage },
  'permissions.query.personal': { request: req.personalQueryRequest, response: perms.personalPermissionsPage },
  'permissions.query.entities': { request: req.entitiesQueryRequest, response: perms.entityPermissionsPage },
  'permissions.query.authorizations': {
    request: req.authorizationsQueryRequest,
    response: perms.authorizationGrantsPage,
  },
  'permissions.query.subunits': { request: req.subunitsQueryRequest, response: perms.subunitPermissionsPage },
  'permissions.query.euEntities': { request: req.euEntitiesQueryRequest, response: perms.euEntityPermissionsPage },
  'permissions.query.entityRoles': { response: perms.entityRolesPage },
  'permissions.query.subordinateRoles': {
    request: req.subordinateRolesQueryRequest,
    response: perms.subordinateEntityRolesPage,
  },
  'tokens.generate': { request: req.tokensGenerateRequest, response: tokens.tokenGenerated },
  'tokens.list': { response: tokens.tokensPage },
  'tokens.status': { response: tokens.tokenStatus },
  'certificates.query': { request: req.certificatesQueryRequest, response: certs.certificatesPage },
  'certificates.enrollmentData': { response: certs.certificateEnrollmentData },
  'certificates.enroll': { request: req.certificatesEnrollmentRequest, response: certs.certificateEnrollmentAccepted },
  'certificates.enrollmentStatus': { response: certs.certificateEnrollmentStatus },
  'certificates.retrieve': { request: req.certificatesRetrieveRequest },
  'security.publicKeys': { response: misc.publicKeyCertificates },
  rateLimits: { response: misc.rateLimits },
  'invoices.queryMetadata': { request: req.invoicesQueryMetadataRequest, response: misc.invoicesMetadataPage },
};
