import * as z from 'zod/mini';
import { storage } from 'wxt/utils/storage';
import { apTabState, type ApTabState } from '../messaging/protocol';

/**
 * What each AP tab reported about its visit. Kept in session storage so that a service worker restarted by
 * the browser (MV3 stops idle workers after ~30 s) still knows it; gone when the browser closes.
 */
const tabStates = z.record(z.string(), apTabState);
const item = storage.defineItem<Record<string, ApTabState>>('session:apTabs', { fallback: {}, version: 1 });

async function readAll(): Promise<Record<string, ApTabState>> {
  const parsed = tabStates.safeParse(await item.getValue());
  return parsed.success ? parsed.data : {};
}

export async function putTabState(tabId: number, state: ApTabState): Promise<void> {
  const all = await readAll();
  all[String(tabId)] = state;
  await item.setValue(all);
}

export async function getTabState(tabId: number): Promise<ApTabState | null> {
  return (await readAll())[String(tabId)] ?? null;
}

export async function dropTabState(tabId: number): Promise<void> {
  const all = await readAll();
  if (!(String(tabId) in all)) return;
  delete all[String(tabId)];
  await item.setValue(all);
}

/** Every AP tab's report, by tab id. */
export async function allTabStates(): Promise<Record<string, ApTabState>> {
  return readAll();
}
