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
  return {
    all,
    get: async (tabId: number): Promise<T | null> => (await all())[String(tabId)] ?? null,
    /** Keep (or, with null, forget) the record of a tab. */
    async put(tabId: number, value: T | null): Promise<void> {
      const records = await all();
      const k = String(tabId);
      if (value !== null) records[k] = schema.parse(value);
      else if (k in records) delete records[k];
      else return;
      await item.setValue(records);
    },
  };
}
