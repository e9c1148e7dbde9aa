import type * as z from 'zod/mini';
import { sendWith, type Transport } from './client-core';
import { CONTENT_MESSAGES } from './protocol-content';

type ContentName = keyof typeof CONTENT_MESSAGES;

/** `send` for the AP content script: only its own messages, so its bundle carries only their schemas. */
export function sendFromContent<N extends ContentName>(
  transport: Transport,
  type: N,
  payload: z.infer<(typeof CONTENT_MESSAGES)[N]['request']>,
): Promise<z.infer<(typeof CONTENT_MESSAGES)[N]['response']>> {
  return sendWith(CONTENT_MESSAGES, transport, type, payload) as Promise<
    z.infer<(typeof CONTENT_MESSAGES)[N]['response']>
  >;
}
