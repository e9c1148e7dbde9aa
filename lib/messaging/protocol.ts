import { nipDigits } from '../ksef/schemas/common';
import * as z from 'zod/mini';
import { TOUR_MESSAGES } from './protocol-tour';
import { SUPPORT_MESSAGES } from './protocol-support';
import { PANEL_MESSAGES } from './protocol-panel';
import { CONTENT_MESSAGES, apTabState, environment } from './protocol-content';
import { jobView, providerStatusView } from './protocol-views';

export * from './protocol-content';
export * from './protocol-tour';
export * from './protocol-support';
export * from './protocol-panel';

export * from './protocol-views';

const shortText = (max: number) => z.string().check(z.maxLength(max));

/** An authorization at the provider, as the authorize page follows it. */
export const authorizationView = z.object({
  id: z.string().check(z.maxLength(100)),
  state: z.enum(['awaiting-signature', 'authenticating', 'granting', 'completed', 'failed', 'expired']),
  authTokenRequest: z.optional(z.string().check(z.maxLength(64 * 1024))),
  expiresAt: z.optional(z.string().check(z.maxLength(40))),
  steps: z.array(
    z.object({
      step: z.string().check(z.maxLength(30)),
      state: z.string().check(z.maxLength(20)),
      detail: z.optional(z.string().check(z.maxLength(500))),
    }),
  ),
  error: z.nullable(z.string().check(z.maxLength(64))),
});
export type AuthorizationView = z.infer<typeof authorizationView>;

export const MESSAGES = {
  ...CONTENT_MESSAGES,
  ...TOUR_MESSAGES,
  ...SUPPORT_MESSAGES,
  ...PANEL_MESSAGES,
  /** Link the provider account: the key travels from the options page to the background once, and stays there. */
  'popup→background:provider.link': {
    request: z.object({
      url: z.url(),
      apiKey: z.string().check(z.minLength(8), z.maxLength(512)),
    }),
    response: z.object({
      account: z.object({
        name: z.string().check(z.maxLength(300)),
        providerName: z.string().check(z.maxLength(200)),
        providerNips: z.array(nipDigits).check(z.maxLength(20)),
      }),
    }),
  },
  'popup→background:provider.unlink': {
    request: z.object({}),
    response: z.object({ ok: z.literal(true) }),
  },
  'popup→background:provider.status': {
    request: z.object({ environment, contextNip: nipDigits }),
    response: z.object({
      linked: z.boolean(),
      status: z.nullable(providerStatusView),
      /** A provider error code (lib/provider/errors.ts) when the status could not be had. */
      error: z.nullable(z.string().check(z.maxLength(64))),
      /** Whether the provider may be called for this company: listed by the account, or confirmed by the user. */
      company: z.nullable(
        z.object({
          nip: nipDigits,
          name: z.nullable(z.string().check(z.maxLength(300))),
          how: z.enum(['account', 'user']),
        }),
      ),
      /** The linked account's name at the provider. */
      account: z.nullable(z.string().check(z.maxLength(300))),
    }),
  },
  /** The user says the linked account serves this company: from then on the provider may be called for it. */
  'popup→background:company.confirm': {
    request: z.object({ contextNip: nipDigits }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Disconnect, verified: the provider revokes, KSeF is read again, the rest is removed after confirmation. */
  'popup→background:job.start': {
    request: z.object({ environment, contextNip: nipDigits, tabId: z.nullable(z.int().check(z.minimum(0))) }),
    response: z.object({ job: jobView }),
  },
  'popup→background:job.list': {
    request: z.object({}),
    response: z.object({ jobs: z.array(jobView).check(z.maxLength(100)) }),
  },
  'popup→background:job.confirm': {
    request: z.object({ id: shortText(100) }),
    response: z.object({ job: jobView }),
  },
  'popup→background:job.cancel': {
    request: z.object({ id: shortText(100) }),
    response: z.object({ job: jobView }),
  },
  /** Authorize: the provider prepares the request, the user signs it, the signed file goes up through the background. */
  'popup→background:auth.start': {
    request: z.object({ environment, contextNip: nipDigits }),
    response: z.object({ authorization: authorizationView }),
  },
  'popup→background:auth.get': {
    request: z.object({ environment, contextNip: nipDigits, id: z.string().check(z.maxLength(100)) }),
    response: z.object({ authorization: authorizationView }),
  },
  'popup→background:auth.upload': {
    request: z.object({
      environment,
      contextNip: nipDigits,
      id: z.string().check(z.maxLength(100)),
      xml: z.string().check(z.maxLength(256 * 1024)),
    }),
    response: z.object({ authorization: authorizationView }),
  },
  'popup→background:tab.state': {
    request: z.object({ tabId: z.int().check(z.minimum(0)) }),
    response: z.object({ state: z.nullable(apTabState) }),
  },
  /** The user names the company an AP tab shows, where the tab could not say (the AP renders on its server). */
  'popup→background:tab.company': {
    request: z.object({ tabId: z.int().check(z.minimum(0)), contextNip: nipDigits }),
    response: z.object({ accepted: z.boolean(), contextNip: z.nullable(nipDigits) }),
  },
  'popup→background:app.info': {
    request: z.object({}),
    response: z.object({ version: z.string(), providerConfigured: z.boolean() }),
  },
} as const;

export type MessageName = keyof typeof MESSAGES;
export type RequestOf<N extends MessageName> = z.infer<(typeof MESSAGES)[N]['request']>;
export type ResponseOf<N extends MessageName> = z.infer<(typeof MESSAGES)[N]['response']>;
export type MessageFrom<N extends MessageName> = N extends `${infer From}→${string}` ? From : never;

export const envelope = z.object({
  type: z.enum(Object.keys(MESSAGES) as [MessageName, ...MessageName[]]),
  payload: z.unknown(),
});
