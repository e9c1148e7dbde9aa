import { errorReply, MESSAGES, type MessageName, type RequestOf, type ResponseOf } from './protocol';

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

/** Send a typed message and validate the reply; a malformed reply or an error reply throws `MessageError`. */
export async function send<N extends MessageName>(
  transport: Transport,
  type: N,
  payload: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const request = MESSAGES[type].request.parse(payload);
  const raw = await transport({ type, payload: request });
  const failed = errorReply.safeParse(raw);
  if (failed.success) throw new MessageError(failed.data.error.code, failed.data.error.message);
  const parsed = MESSAGES[type].response.safeParse(raw);
  if (!parsed.success) throw new MessageError('bad-reply', `${type}: malformed reply`);
  return parsed.data as ResponseOf<N>;
}
