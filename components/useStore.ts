import { useEffect, useState } from 'preact/hooks';

export interface Subscribable<T> {
  snapshot: () => T;
  subscribe: (listener: () => void) => () => void;
}

/**
 * Follow a store. It reads the snapshot once more right after subscribing, so a message that lands between
 * the first render and the effect is not lost (toolchain.md §10, "Preact overlay race").
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
