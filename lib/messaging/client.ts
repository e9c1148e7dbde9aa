import { sendWith, type Transport } from './client-core';
import { MESSAGES, type MessageName, type RequestOf, type ResponseOf } from './protocol';

export { MessageError, sendWith, type Transport } from './client-core';

/** Send a typed message and validate the reply; a malformed reply or an error reply throws `MessageError`. */
export function send<N extends MessageName>(
  transport: Transport,
  type: N,
  payload: RequestOf<N>,
): Promise<ResponseOf<N>> {
  return sendWith(MESSAGES, transport, type, payload) as Promise<ResponseOf<N>>;
}
