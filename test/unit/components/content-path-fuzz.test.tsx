import fc from 'fast-check';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_TAG, BRIDGE_VERSION } from '@/lib/ap/bridge';
import { createCaptureStore } from '@/lib/content/capture';
import { makeGrant } from '../audit/builders';
import { mountPanel } from './helpers';

/** Page data is untrusted: 1,000 generated payloads through the whole content-script path, 0 crashes. */
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  '{{constructor}}',
  '\u202e',
  'A'.repeat(300),
];

describe('content-script path under hostile page data', () => {
  it('survives 1,000 generated payloads, renders text only, and sends nothing but its own reports', async () => {
    const win = { window: {} as unknown, location: { origin: 'https://ap-demo.ksef.mf.gov.pl' } } as never;
    const store = createCaptureStore(win);
    const sent: string[] = [];
    const transport = async (m: unknown) => {
      const type = (m as { type: string }).type;
      sent.push(type);
      return type.endsWith('audit.profile')
        ? { profile: null }
        : type.endsWith('audit.report')
          ? { previousAt: null, added: [], removed: [], changed: [] }
          : { ok: true };
    };
    const { root, controller } = await mountPanel(store, { environment: 'DEMO', page: 'permissions' }, { transport });
    const hostile = fc.constantFrom(...HOSTILE);
    const grant = fc
      .record({
        key: fc.constantFrom(
          'description',
          'permissionScope',
          'id',
          'canDelegate',
          'authorizedIdentifier',
          'subjectEntityDetails',
        ),
        value: fc.oneof(fc.anything(), hostile),
      })
      .map(({ key, value }) => ({
        ...makeGrant({ description: 'x<b>y</b>' }),
        [key]: key === 'subjectEntityDetails' ? { subjectDetailsType: 'EntityByIdentifier', fullName: value } : value,
      }));
    const body = fc.oneof(
      fc.anything(),
      fc.array(grant, { maxLength: 5 }).map((permissions) => ({ permissions, hasMore: false })),
      fc
        .array(grant, { maxLength: 5 })
        .map((content) => ({ result: { content, hasMore: fc.sample(fc.boolean(), 1)[0] } })),
      fc.record({ tokens: fc.array(fc.anything(), { maxLength: 3 }), continuationToken: fc.option(fc.string()) }),
    );
    const message = fc.record({
      tag: fc.constantFrom(BRIDGE_TAG, BRIDGE_TAG, 'other'),
      v: fc.constantFrom(BRIDGE_VERSION, 1),
      kind: fc.constantFrom('response', 'skipped', 'replay-failed', 'bogus'),
      method: fc.constantFrom('POST', 'GET'),
      url: fc.constantFrom(
        'https://api-demo.ksef.mf.gov.pl/v2/permissions/query/persons/grants',
        'https://ap-demo.ksef.mf.gov.pl/web/api/uprawnienia/osoby',
        'not a url',
      ),
      status: fc.integer({ min: 0, max: 599 }),
      text: fc.oneof(
        body.map((b) => JSON.stringify(b)),
        fc.string(),
        fc.constant('{"permissions":[{"permissionScope":'),
      ),
      context: fc.option(fc.oneof(fc.constant('5265877635'), hostile), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(message, async (data) => {
        await act(async () =>
          store.onMessage({
            data,
            source: (win as { window: unknown }).window,
            origin: 'https://ap-demo.ksef.mf.gov.pl',
          } as MessageEvent),
        );
      }),
      { numRuns: 1000 },
    );
    // The audit reports itself once the queued pages are read (the report waits for a quiet moment).
    await act(() =>
      vi.waitFor(() => expect(sent).toContain('content→background:audit.report'), { timeout: 10_000, interval: 50 }),
    );
    expect(root.querySelector('img, script, svg')).toBeNull();
    expect(document.querySelector('img, script, svg')).toBeNull();
    expect(new Set(sent)).toEqual(new Set(['content→background:audit.profile', 'content→background:audit.report']));
    const snap = controller.session.snapshot();
    expect(snap.rejected + store.snapshot().rejected).toBeGreaterThan(0);
    for (const g of snap.records.grants) expect(typeof g.permissionScope).toBe('string');
  }, 60_000);
});
