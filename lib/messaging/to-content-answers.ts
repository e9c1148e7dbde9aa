import * as z from 'zod/mini';
import { nipDigits } from '../ksef/schemas/common';
import { auditDiagnostics } from './diagnostics-format';
import { callAnswer, guideReply, rereadReply } from './protocol-views';
import type { ToContentName } from './to-content';

/** What the AP content script answers to each of the background's requests (the background checks every answer). */
export const TO_CONTENT_ANSWERS = {
  'background→content:reread': rereadReply,
  'background→content:guide': guideReply,
  'background→content:call': callAnswer,
  'background→content:company': z.object({ accepted: z.boolean(), contextNip: z.nullable(nipDigits) }),
  'background→content:changed': z.object({ ok: z.boolean() }),
  'background→content:diagnostics': z.nullable(auditDiagnostics),
  'background→content:tour': z.nullable(z.object({ ok: z.literal(true) })),
} as const satisfies Record<ToContentName, z.ZodMiniType>;

export type ToContentAnswer<N extends ToContentName> = z.infer<(typeof TO_CONTENT_ANSWERS)[N]>;
