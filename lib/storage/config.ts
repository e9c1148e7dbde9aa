import { storage } from 'wxt/utils/storage';
import { openHistory } from './history';

/**
 * Records of the `config` store (the provider link, the settings) in the extension origin's IndexedDB, which no
 * content script can open: a content script runs in the page's origin, and `storage.local`, where these were kept
 * before, is open to content scripts. What an older version left in `storage.local` is moved here once and removed
 * there.
 */
const moved = new Map<string, Promise<void>>();

function moveFromLocal(key: string, localKey: `local:${string}`): Promise<void> {
  let once = moved.get(key);
  if (!once) {
    once = (async () => {
      const old = await storage.getItem<unknown>(localKey);
      if (old === null || old === undefined) return;
      const d = await openHistory();
      if ((await d.get('config', key)) === undefined) await d.put('config', old, key);
      await storage.removeItem(localKey);
      await storage.removeMeta(localKey);
    })().catch(() => undefined);
    moved.set(key, once);
  }
  return once;
}

export async function readConfig(key: string, localKey: `local:${string}`): Promise<unknown> {
  await moveFromLocal(key, localKey);
  return (await openHistory()).get('config', key);
}

export async function writeConfig(key: string, value: unknown): Promise<void> {
  const d = await openHistory();
  if (value === null) await d.delete('config', key);
  else await d.put('config', value, key);
}

/** Forget what was moved (tests start each case from empty storage). */
export function forgetMoves(): void {
  moved.clear();
}
