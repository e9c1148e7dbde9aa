/**
 * The one observer of the AP's page per visit: the audit's marks, the guided removal and the guided steps all
 * follow the page's changes through it. It observes only while someone listens, and ends with the visit.
 */
export interface PageWatch {
  /** Call `listener` with the changes to the page's body; returns a function that stops it. */
  subscribe: (listener: (mutations: MutationRecord[]) => void) => () => void;
}

export function createPageWatch(doc: Document, signal: AbortSignal): PageWatch {
  const listeners = new Set<(mutations: MutationRecord[]) => void>();
  const observer = new MutationObserver((mutations) => {
    for (const l of [...listeners]) {
      try {
        l(mutations);
      } catch {
        // One feature's failure does not stop the others from following the page.
      }
    }
  });
  let observing = false;
  const sync = () => {
    if (listeners.size > 0 && !observing && !signal.aborted) {
      // Text too: a list that says "Wczytywanie…" and then shows its rows may change only its text.
      observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
      observing = true;
    } else if ((listeners.size === 0 || signal.aborted) && observing) {
      observer.disconnect();
      observing = false;
    }
  };
  signal.addEventListener('abort', () => {
    listeners.clear();
    sync();
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      sync();
      return () => {
        listeners.delete(listener);
        sync();
      };
    },
  };
}

/** A watch for tests and for code that runs on its own: each call observes the document itself. */
export function ownPageWatch(doc: Document): PageWatch {
  return createPageWatch(doc, new AbortController().signal);
}
