import type * as z from 'zod/mini';
import { errorReply } from './common';

/** How a message leaves its sender; entrypoints pass `browser.runtime.sendMessage`. */
export type Transport = (message: unknown) => Promise<unknown>;

export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Table = Record<string, { request: z.ZodMiniType; response: z.ZodMiniType }>;

/** Send a typed message from `table` and validate the reply; a malformed or error reply throws `MessageError`. */
export async function sendWith(table: Table, transport: Transport, type: string, payload: unknown): Promise<unknown> {
  const entry = table[type]!;
  const request = entry.request.parse(payload);
  const raw = await transport({ type, payload: request });
  const failed = errorReply.safeParse(raw);
  if (failed.success) throw new MessageError(failed.data.error.code, failed.data.error.message);
  const parsed = entry.response.safeParse(raw);
  if (!parsed.success) throw new MessageError('bad-reply', `${type}: malformed reply`);
  return parsed.data;
}
