/** Something that can be followed: a snapshot and change notifications (the UI follows it with `useStore`). */
export interface Subscribable<T> {
  snapshot: () => T;
  subscribe: (listener: () => void) => () => void;
}

/** A value that can be followed and set: what a guided step shows now, for instance. */
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
