import { useEffect, useState } from 'preact/hooks';
import type { Subscribable } from '@/lib/content/store';

export type { Subscribable } from '@/lib/content/store';

/**
 * Follow a store. It reads the snapshot once more right after subscribing, so a message that lands between
 * the first render and the effect is not lost (a race seen in the e2e runs; see docs/decisions.md).
 */
export function useStore<T>(store: Subscribable<T>): T {
  const [value, setValue] = useState(store.snapshot);
  useEffect(() => {
    const update = () => setValue(store.snapshot());
    const off = store.subscribe(update);
    update();
    return off;
  }, [store]);
  return value;
}
