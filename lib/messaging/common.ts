import * as z from 'zod/mini';
import { ENVIRONMENTS } from '../ksef/environments';

/** A KSeF environment as every message names it (a module of its own: each bundle takes only what it sends). */
export const environment = z.enum(ENVIRONMENTS);

/** Any message's answer when it failed: a code and a message (never a secret). */
export const errorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
