import { isApUrl } from '../ap/pages';
import { envelope, MESSAGES, type MessageFrom, type MessageName, type RequestOf, type ResponseOf } from './protocol';

/**
 * The background's receiving side (docs/architecture.md §8, habit 7): check the sender, then the payload, then act.
 * Pure: the background entrypoint passes in the sender it got from the browser and its own identity.
 */
export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface Self {
  id: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  origin: string;
}

export type Role = 'content' | 'popup';

/** Who sent this: our AP content script in a top frame, one of our own pages, or nobody we trust. */
export function senderRole(sender: Sender, self: Self): Role | null {
  if (sender.id !== self.id) return null;
  if (sender.url?.startsWith(self.origin)) return 'popup';
  if (sender.tab?.id != null && sender.frameId === 0 && sender.url && isApUrl(sender.url)) return 'content';
  return null;
}

export type Handlers = {
  [N in MessageName]: (payload: RequestOf<N>, ctx: { sender: Sender; tabId?: number }) => Promise<ResponseOf<N>>;
};

const ROLE_OF: Record<string, Role> = { content: 'content', popup: 'popup' };

function fromOf(name: MessageName): MessageFrom<MessageName> {
  return name.slice(0, name.indexOf('→')) as MessageFrom<MessageName>;
}

const fail = (code: string, message: string) => ({ error: { code, message } });

export function createRouter(handlers: Handlers, self: Self) {
  return async (raw: unknown, sender: Sender): Promise<unknown> => {
    const role = senderRole(sender, self);
    if (!role) return fail('forbidden', 'unknown sender');
    const env = envelope.safeParse(raw);
    if (!env.success) return fail('bad-request', 'unknown message');
    const name = env.data.type;
    if (ROLE_OF[fromOf(name)] !== role) return fail('forbidden', `${name} not accepted from ${role}`);
    const payload = MESSAGES[name].request.safeParse(env.data.payload);
    if (!payload.success) return fail('bad-request', `${name}: ${payload.error.issues[0]?.message ?? 'invalid'}`);
    try {
      const handler = handlers[name] as (p: unknown, c: { sender: Sender; tabId?: number }) => Promise<unknown>;
      return await handler(payload.data, { sender, tabId: sender.tab?.id });
    } catch (e) {
      // A coded error (the provider's, lib/provider/errors.ts) keeps its code; the text is never the secret's.
      const code = (e as { code?: unknown }).code;
      return fail(typeof code === 'string' ? code : 'internal', e instanceof Error ? e.message : 'failed');
    }
  };
}
