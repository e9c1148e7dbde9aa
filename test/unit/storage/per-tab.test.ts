import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { perTabRecords } from '@/lib/storage/per-tab';

const record = z.object({ page: z.string(), responses: z.number(), counts: z.optional(z.number()) });

describe('per-tab records', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loses no change when two messages of a tab are handled at once', async () => {
    const tabs = perTabRecords('session:test-tabs', record);
    await tabs.put(1, { page: 'permissions', responses: 1 });
    // One handler keeps the page's state, another adds the audit's counts to whatever is stored then.
    await Promise.all([
      tabs.update(1, (before) => ({ page: 'tokens', responses: 2, counts: before?.counts })),
      tabs.update(1, (before) => (before ? { ...before, counts: 3 } : null)),
      tabs.put(2, { page: 'certificates', responses: 1 }),
    ]);
    expect(await tabs.get(1)).toEqual({ page: 'tokens', responses: 2, counts: 3 });
    expect(await tabs.get(2)).toEqual({ page: 'certificates', responses: 1 });
  });

  it('forgets a tab with null, and a change that fails leaves the others going', async () => {
    const tabs = perTabRecords('session:test-tabs', record);
    await tabs.put(1, { page: 'permissions', responses: 1 });
    const failed = tabs.update(1, () => {
      throw new Error('boom');
    });
    const after = tabs.put(1, null);
    await expect(failed).rejects.toThrow('boom');
    await after;
    expect(await tabs.get(1)).toBeNull();
  });
});
