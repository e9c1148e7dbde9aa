import { describe, expect, it, vi } from 'vitest';
import { typedSendToTab } from '@/lib/background/send-to-tab';
import { contentRouter, toContent, type ToContentHandlers } from '@/lib/messaging/to-content';
import { popupRouter, toPopup } from '@/lib/messaging/to-popup';

const handlers = (): ToContentHandlers => ({
  'background→content:reread': vi.fn(async () => ({ complete: ['grants'], leftovers: [], ownerCertificates: [] })),
  'background→content:guide': vi.fn(async () => ({ ok: true })),
  'background→content:call': vi.fn(async () => ({ kind: 'response', status: 200 })),
  'background→content:company': vi.fn(async () => ({ accepted: true, contextNip: '5265877635' })),
  'background→content:changed': vi.fn(async () => ({ ok: true })),
  'background→content:diagnostics': vi.fn(async () => null),
  'background→content:tour': vi.fn(async () => ({ ok: true })),
});

describe('one envelope in every direction', () => {
  it('background → content: a message of the table with a fitting payload reaches its handler, nothing else does', async () => {
    const h = handlers();
    const route = contentRouter(h);
    const message = toContent('background→content:call', { call: 'DELETE /permissions/common/grants/abc' });
    expect(message).toEqual({ type: 'background→content:call', payload: { call: expect.any(String) } });
    await expect(route(message)).resolves.toEqual({ kind: 'response', status: 200 });
    expect(h['background→content:call']).toHaveBeenCalledWith({ call: 'DELETE /permissions/common/grants/abc' });
    // Unknown names, the old flat shape, payloads that do not fit: no answer at all.
    expect(route({ type: 'background→content:format-disk', payload: {} })).toBeNull();
    expect(route({ type: 'background→content:call', call: 'DELETE /x' })).toBeNull();
    expect(
      route(toContent('background→content:guide', { items: [{ kind: 'grant', id: '../x', scopes: [] }] })),
    ).toBeNull();
    expect(route('background→content:diagnostics')).toBeNull();
    expect(h['background→content:guide']).not.toHaveBeenCalled();
  });

  it('the background checks every answer: one that does not fit is a page failure, not data', async () => {
    const replies: unknown[] = [{ kind: 'response', status: 200 }, { kind: 'forged' }, undefined];
    const send = typedSendToTab(async (tabId, message) => {
      expect(tabId).toBe(7);
      expect(message).toMatchObject({ type: 'background→content:call', payload: { call: 'GET /x' } });
      return replies.shift();
    });
    await expect(send(7, 'background→content:call', { call: 'GET /x' })).resolves.toEqual({
      kind: 'response',
      status: 200,
    });
    await expect(send(7, 'background→content:call', { call: 'GET /x' })).rejects.toMatchObject({ code: 'page-failed' });
    await expect(send(7, 'background→content:call', { call: 'GET /x' })).rejects.toMatchObject({ code: 'page-failed' });
  });

  it('background → popup: what the background tells reaches the listener of its name, checked', () => {
    const tab = vi.fn();
    const route = popupRouter({ 'background→popup:tab.changed': tab });
    route(toPopup('background→popup:tab.changed', { tabId: 3, state: null }));
    route({ type: 'background→popup:tab.changed', payload: { tabId: 'three', state: null } });
    route({ type: 'background→popup:job.changed', payload: { job: {} } });
    route(null);
    expect(tab).toHaveBeenCalledTimes(1);
    expect(tab).toHaveBeenCalledWith({ tabId: 3, state: null });
  });
});
