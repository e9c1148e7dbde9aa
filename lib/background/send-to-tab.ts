import { toContent, type ToContentName, type ToContentPayload } from '../messaging/to-content';
import { TO_CONTENT_ANSWERS, type ToContentAnswer } from '../messaging/to-content-answers';

/** How a message reaches the AP content script in a tab's top frame (the platform's `tabs.sendMessage`). */
export type RawSendToTab = (tabId: number, message: unknown) => Promise<unknown>;

export type SendToTab = <N extends ToContentName>(
  tabId: number,
  name: N,
  payload: ToContentPayload<N>,
) => Promise<ToContentAnswer<N>>;

/**
 * The background's one way to ask an AP tab: the message in the common envelope, the answer checked against its
 * schema. An answer that does not fit (none, or another's) throws `page-failed`; a tab that is not there rejects.
 */
export function typedSendToTab(send: RawSendToTab): SendToTab {
  return async (tabId, name, payload) => {
    const reply = await send(tabId, toContent(name, payload));
    const parsed = TO_CONTENT_ANSWERS[name].safeParse(reply);
    if (!parsed.success) throw Object.assign(new Error(`${name}: no answer that fits`), { code: 'page-failed' });
    return parsed.data as ToContentAnswer<typeof name>;
  };
}
