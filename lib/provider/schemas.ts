import { nipDigits } from '../ksef/schemas/common';
import * as z from 'zod/mini';
import { ENVIRONMENTS } from '../ksef/environments';

/**
 * The provider API's responses (docs/provider-api.md, `provider-api.openapi.json`), validated before use.
 * Objects are loose (a provider may add fields); enumerations are the contract's, so that a state we do not
 * know is a clear error rather than a silent guess.
 */
const nip = nipDigits;
const dateTime = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().check(z.maxLength(max));

export const providerErrorBody = z.looseObject({
  error: z.looseObject({ code: text(64), message: text(2000), retryable: z.optional(z.boolean()) }),
});

export const account = z.looseObject({
  accountId: text(200),
  name: text(300),
  provider: z.looseObject({ name: text(200), nips: z.array(nip).check(z.minLength(1), z.maxLength(20)) }),
  /** The customers' companies this account serves; a provider that does not say leaves it out. */
  companies: z.optional(z.array(z.looseObject({ nip, name: text(300) })).check(z.maxLength(1000))),
});
export type ProviderAccount = z.infer<typeof account>;

export const footprint = z.looseObject({
  grants: z
    .array(z.looseObject({ permissionId: z.nullish(text(100)), scope: text(60), grantedAt: z.optional(dateTime) }))
    .check(z.maxLength(1000)),
  tokens: z
    .array(z.looseObject({ referenceNumber: text(100), description: z.optional(text(500)) }))
    .check(z.maxLength(1000)),
  certificates: z
    .array(
      z.looseObject({
        serialNumber: z.string().check(z.regex(/^[0-9A-F]{16}$/)),
        name: z.optional(text(300)),
        validTo: z.optional(dateTime),
      }),
    )
    .check(z.maxLength(1000)),
});
export type Footprint = z.infer<typeof footprint>;

export const INTEGRATION_STATES = [
  'not-connected',
  'pending',
  'active',
  'disconnecting',
  'disconnected',
  'error',
] as const;
export type IntegrationState = (typeof INTEGRATION_STATES)[number];

export const integrationStatus = z.looseObject({
  environment: z.enum(ENVIRONMENTS),
  contextNip: nip,
  state: z.enum(INTEGRATION_STATES),
  mode: z.enum(['provider-certificates', 'own-certificates']),
  actingNips: z.array(nip).check(z.maxLength(20)),
  expectedScopes: z.array(text(60)).check(z.maxLength(20)),
  footprint,
  ksefView: z.nullable(
    z.looseObject({
      readAt: dateTime,
      grants: z
        .array(z.looseObject({ id: text(100), scope: text(60), canDelegate: z.boolean(), startDate: dateTime }))
        .check(z.maxLength(1000)),
    }),
  ),
  updatedAt: dateTime,
  error: z.nullish(z.looseObject({ code: text(64), message: text(2000) })),
});
export type IntegrationStatus = z.infer<typeof integrationStatus>;

export const REVOCATION_OUTCOMES = ['pending', 'revoked', 'failed', 'skipped'] as const;
export const revocation = z.looseObject({
  id: text(100),
  state: z.enum(['in-progress', 'completed', 'partial', 'failed']),
  startedAt: dateTime,
  finishedAt: z.optional(dateTime),
  items: z
    .array(
      z.looseObject({
        kind: z.enum(['grant', 'token']),
        id: text(100),
        scope: z.optional(text(60)),
        outcome: z.enum(REVOCATION_OUTCOMES),
        operationReferenceNumber: z.optional(text(100)),
        statusCode: z.optional(z.int()),
        errorCode: z.optional(text(64)),
        message: z.optional(text(2000)),
      }),
    )
    .check(z.maxLength(1000)),
});
export type Revocation = z.infer<typeof revocation>;

export const authorization = z.looseObject({
  id: text(100),
  state: z.enum(['awaiting-signature', 'authenticating', 'granting', 'completed', 'failed', 'expired']),
  authTokenRequest: z.optional(text(64 * 1024)),
  challenge: z.optional(text(100)),
  expiresAt: z.optional(dateTime),
  createdAt: dateTime,
  steps: z
    .array(
      z.looseObject({
        step: z.enum(['challenge', 'signature', 'authentication', 'grant', 'verification']),
        state: z.enum(['pending', 'in-progress', 'done', 'failed']),
        at: z.optional(dateTime),
        detail: z.optional(text(2000)),
      }),
    )
    .check(z.maxLength(20)),
  error: z.optional(providerErrorBody.shape.error),
});
export type Authorization = z.infer<typeof authorization>;
