import { useEffect, useState } from 'preact/hooks';

export interface Subscribable<T> {
  snapshot: () => T;
  subscribe: (listener: () => void) => () => void;
}

/** A value that can be followed (`useStore`) and set: what a guided step shows now, for instance. */
export function createStore<T>(initial: T): Subscribable<T> & { set: (value: T) => void } {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    snapshot: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      value = next;
      for (const l of listeners) l();
    },
  };
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
