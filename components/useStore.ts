import { useEffect, useState } from 'preact/hooks';
import type { Subscribable } from '@/lib/content/store';

export type { Subscribable } from '@/lib/content/store';

/**
 * Follow a store. It reads the snapshot once more right after subscribing, so a message that lands between
 * the first render and the effect is not lost (a race seen in the e2e runs; see docs/decisions.md). With
 * `atMostEveryMs`, a store that changes many times in a row (one change per message of the page) redraws at
 * once, then at most that often, and always with its last value.
 */
export function useStore<T>(store: Subscribable<T>, atMostEveryMs = 0): T {
  const [value, setValue] = useState(store.snapshot);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = -Infinity;
    const read = () => {
      timer = undefined;
      last = Date.now();
      setValue(store.snapshot());
    };
    const update = () => {
      const wait = last + atMostEveryMs - Date.now();
      if (wait <= 0) read();
      else timer ??= setTimeout(read, wait);
    };
    const off = store.subscribe(update);
    setValue(store.snapshot());
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [store, atMostEveryMs]);
  return value;
}
