import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';

/**
 * One record per browser tab in session storage: it outlives a service worker the browser stopped (MV3 stops
 * idle workers after ~30 s) and is gone when the browser closes. What is stored is validated when read; a record
 * that no longer fits makes the whole set read as empty.
 */
export function perTabRecords<T>(key: `session:${string}`, schema: z.ZodMiniType<T>) {
  const records = z.record(z.string(), schema);
  const item = storage.defineItem<Record<string, T>>(key, { fallback: {}, version: 1 });
  const all = async (): Promise<Record<string, T>> => {
    const parsed = records.safeParse(await item.getValue());
    return parsed.success ? parsed.data : {};
  };
  // Every change is a read-modify-write of the one stored set: one at a time, or a change made between another's
  // read and write would be lost (two messages of one tab arrive together often enough).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <R>(f: () => Promise<R>): Promise<R> => {
    const next = queue.then(f, f);
    queue = next.catch(() => undefined);
    return next;
  };
  const update = (tabId: number, change: (before: T | null) => T | null): Promise<T | null> =>
    serial(async () => {
      const records = await all();
      const k = String(tabId);
      const value = change(records[k] ?? null);
      if (value !== null) records[k] = schema.parse(value);
      else if (k in records) delete records[k];
      else return null;
      await item.setValue(records);
      return value;
    });
  return {
    all,
    get: async (tabId: number): Promise<T | null> => (await all())[String(tabId)] ?? null,
    /** Keep (or, with null, forget) the record of a tab. */
    put: (tabId: number, value: T | null): Promise<void> => update(tabId, () => value).then(() => undefined),
    /** Change the record of a tab from what is stored at that moment (null: forget it); what is stored now. */
    update,
  };
}
