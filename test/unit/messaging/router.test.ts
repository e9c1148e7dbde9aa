import { describe, expect, it, vi } from 'vitest';
import { createRouter, senderRole, type Handlers, type Sender } from '@/lib/messaging/router';

const self = { id: 'ourid', origin: 'chrome-extension://ourid/' };
const AP_TAB: Sender = {
  id: 'ourid',
  url: 'https://ap-demo.ksef.mf.gov.pl/web/permissions',
  frameId: 0,
  tab: { id: 7, url: 'https://ap-demo.ksef.mf.gov.pl/web/permissions' },
};
const POPUP: Sender = { id: 'ourid', url: 'chrome-extension://ourid/popup.html' };
const STATE = { environment: 'DEMO', page: 'permissions', responses: 1, rejected: 0, updatedAt: 1 };

function handlers(): Handlers {
  return {
    'content→background:ap.state': vi.fn(async () => ({ ok: true as const })),
    'content→background:audit.profile': vi.fn(async () => ({ profile: null })),
    'content→background:audit.report': vi.fn(async () => ({ previousAt: null, added: [], removed: [], changed: [] })),
    'content→background:panel.load': vi.fn(async () => ({ ok: true as const })),
    'popup→background:provider.link': vi.fn(async () => ({
      account: { name: 'x', providerName: 'y', providerNips: ['7762811692'] },
    })),
    'popup→background:provider.unlink': vi.fn(async () => ({ ok: true as const })),
    'popup→background:provider.status': vi.fn(async () => ({
      linked: false,
      status: null,
      error: null,
      company: null,
      account: null,
    })),
    'popup→background:company.confirm': vi.fn(async () => ({ ok: true as const })),
    'popup→background:job.start': vi.fn(async () => Promise.reject(new Error('unused'))),
    'popup→background:job.list': vi.fn(async () => ({ jobs: [] })),
    'popup→background:auth.start': vi.fn(async () => Promise.reject(new Error('unused'))),
    'popup→background:auth.get': vi.fn(async () => Promise.reject(new Error('unused'))),
    'popup→background:auth.upload': vi.fn(async () => Promise.reject(new Error('unused'))),
    'popup→background:job.confirm': vi.fn(async () => Promise.reject(new Error('unused'))),
    'popup→background:job.cancel': vi.fn(async () => Promise.reject(new Error('unused'))),
    'popup→background:tab.state': vi.fn(async () => ({ state: null })),
    'popup→background:tab.company': vi.fn(async () => ({ accepted: false, contextNip: null })),
    'popup→background:app.info': vi.fn(async () => ({ version: '1.0.0', providerConfigured: false })),
    'popup→background:tour.start': vi.fn(async () => Promise.reject(new Error('unused'))),
    'content→background:tour.progress': vi.fn(async () => ({ ok: true as const })),
    'popup→background:report.build': vi.fn(async () => Promise.reject(new Error('unused'))),
    'content→background:certificates.seen': vi.fn(async () => ({ ok: true as const })),
    'popup→background:certificates.list': vi.fn(async () => ({ certificates: [], checkedAt: null })),
  };
}

describe('sender guards', () => {
  it('knows our content script in an AP top frame and our own pages', () => {
    expect(senderRole(AP_TAB, self)).toBe('content');
    expect(senderRole(POPUP, self)).toBe('popup');
    expect(senderRole({ ...POPUP, tab: { id: 3 } }, self)).toBe('popup');
  });

  it.each([
    ['another extension', { ...AP_TAB, id: 'evil' }],
    ['an iframe on the AP', { ...AP_TAB, frameId: 3 }],
    [
      'a page that is not the AP',
      { ...AP_TAB, url: 'https://example.com/', tab: { id: 7, url: 'https://example.com/' } },
    ],
    ['a content script without a tab', { id: 'ourid', url: AP_TAB.url, frameId: 0 }],
    ['no id at all', { url: POPUP.url }],
  ])('refuses %s', (_label, sender) => {
    expect(senderRole(sender as Sender, self)).toBeNull();
  });
});

describe('router', () => {
  it('checks the sender, then the payload, then acts', async () => {
    const h = handlers();
    const route = createRouter(h, self);
    expect(await route({ type: 'content→background:ap.state', payload: STATE }, AP_TAB)).toEqual({ ok: true });
    expect(h['content→background:ap.state']).toHaveBeenCalledWith(STATE, { sender: AP_TAB, tabId: 7 });

    expect(await route({ type: 'content→background:ap.state', payload: STATE }, POPUP)).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await route({ type: 'popup→background:app.info', payload: {} }, AP_TAB)).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(
      await route({ type: 'content→background:ap.state', payload: { ...STATE, responses: -1 } }, AP_TAB),
    ).toMatchObject({
      error: { code: 'bad-request' },
    });
    expect(await route({ type: 'nope', payload: {} }, POPUP)).toMatchObject({ error: { code: 'bad-request' } });
    expect(await route('hello', { ...POPUP, id: 'evil' })).toMatchObject({ error: { code: 'forbidden' } });
    expect(h['content→background:ap.state']).toHaveBeenCalledTimes(1);
  });

  it('turns a failing handler into an error reply', async () => {
    const h = handlers();
    h['popup→background:app.info'] = async () => {
      throw new Error('boom');
    };
    const route = createRouter(h, self);
    expect(await route({ type: 'popup→background:app.info', payload: {} }, POPUP)).toEqual({
      error: { code: 'internal', message: 'boom' },
    });
  });
});
