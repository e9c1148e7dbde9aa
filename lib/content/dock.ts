import type { PageWatch } from './page-watch';

/**
 * Where the panel sits so that it never covers the AP (docs/architecture.md §5.1, point 8):
 * - **docked** at the right edge of the window, in space the page makes room for: the AP's root gets a right
 *   margin as wide as the panel. Elements the AP fixes to the window are not moved by that margin; those that
 *   reach into the dock are narrowed or moved left by inline styles;
 * - **in a band** at the top of the page, in its flow, where the AP's content does not fit beside the dock (a wide
 *   list in a narrow window): the page moves down by the band's height and nothing of it lies under the panel.
 * Everything is put back when the panel goes.
 */

/** The dock's width for a window `viewport` px wide: open, a column of text; collapsed, a strip with its button. */
export function dockWidth(viewport: number, open: boolean): number {
  if (!open) return 44;
  return Math.round(Math.min(360, Math.max(272, viewport * 0.28)));
}

export interface Dock {
  /** Make room for the panel, open or collapsed, and keep it made as the window and the page change. */
  set: (open: boolean) => void;
  /** Give the page its room back. */
  release: () => void;
}

interface Moved {
  el: HTMLElement;
  maxWidth: string;
  translate: string;
}

/** How far apart the points are at which the dock's column is probed for fixed elements of the AP. */
const PROBE_STEP = 24;
/** How often, at most, the room is checked again while the page keeps changing. */
const SETTLE_MS = 150;

export function createDock(host: HTMLElement, watch: PageWatch | null, signal: AbortSignal): Dock {
  const doc = host.ownerDocument;
  const win = doc.defaultView!;
  const root = doc.documentElement;
  const before = root.style.getPropertyValue('margin-right');
  const beforePriority = root.style.getPropertyPriority('margin-right');
  let open: boolean | null = null;
  let width = 0;
  let band = false;
  let moved: Moved[] = [];
  let queued = false;
  let lastFit = -Infinity;

  const ours = (el: Element) => el === host || host.contains(el) || el === root || el === doc.body;

  /** The AP's fixed elements whose boxes reach into the dock, found where they are drawn, not by walking the page. */
  const fixedInDock = (): HTMLElement[] => {
    const found = new Set<HTMLElement>();
    const fixed = new Map<Element, boolean>();
    const isFixed = (el: Element) => {
      let is = fixed.get(el);
      if (is === undefined) fixed.set(el, (is = win.getComputedStyle(el).position === 'fixed'));
      return is;
    };
    const right = root.clientWidth;
    for (let y = 1; y < win.innerHeight; y += PROBE_STEP) {
      for (let x = right - width + 1; x < right; x += PROBE_STEP) {
        for (const el of doc.elementsFromPoint?.(x, y) ?? []) {
          if (ours(el)) continue;
          for (let at: Element | null = el; at && at !== doc.body; at = at.parentElement) {
            if (isFixed(at)) found.add(at as HTMLElement);
          }
        }
      }
    }
    return [...found];
  };

  const restore = () => {
    for (const m of moved) {
      m.el.style.maxWidth = m.maxWidth;
      m.el.style.translate = m.translate;
    }
    moved = [];
  };

  const unmargin = () => root.style.setProperty('margin-right', before, beforePriority);
  /** Whether the AP's content, laid out in the room left beside the dock, ends before the dock begins. */
  const fitsBeside = () => {
    const body = doc.body;
    return body.getBoundingClientRect().left + win.scrollX + body.scrollWidth <= root.clientWidth - width + 1;
  };
  const fit = () => {
    queued = false;
    lastFit = win.performance.now();
    if (open === null || signal.aborted) return;
    restore();
    width = dockWidth(win.innerWidth, open);
    host.style.setProperty('--ksef-dock', `${width}px`);
    root.style.setProperty('margin-right', `${width}px`, 'important');
    const wasBand = band;
    band = !fitsBeside();
    if (band) unmargin();
    host.toggleAttribute('data-band', band);
    if (band !== wasBand) {
      // Moved only when the place changes: in the band, before the AP's content; docked, at the end as mounted.
      if (band) doc.body.prepend(host);
      else doc.body.append(host);
    }
    if (band) return;
    const limit = root.clientWidth - width;
    for (const el of fixedInDock()) {
      const box = el.getBoundingClientRect();
      moved.push({ el, maxWidth: el.style.maxWidth, translate: el.style.translate });
      if (box.left <= 1) {
        // Anchored at the left edge (a header or bar across the window): it ends where the dock begins.
        el.style.maxWidth = `${Math.max(0, limit - box.left)}px`;
      } else {
        // Anywhere else (a dialog, a message, a button in a corner): moved left just out of the dock, never
        // past the window's left edge; whatever it positions itself with stays as it was.
        el.style.translate = `-${Math.min(box.right - limit, box.left)}px 0`;
      }
    }
  };
  const later = () => {
    if (queued) return;
    queued = true;
    win.requestAnimationFrame(fit);
  };
  // The page's changes come in bursts (a list drawn row by row): the room is checked in the frame after a change
  // (a dialog is drawn where it fits from its first frame on), and then at most once in SETTLE_MS.
  let settle: ReturnType<typeof setTimeout> | undefined;
  const afterChanges = () => {
    if (queued || settle !== undefined) return;
    const wait = lastFit + SETTLE_MS - win.performance.now();
    if (wait <= 0) return later();
    settle = setTimeout(() => ((settle = undefined), later()), wait);
  };

  win.addEventListener('resize', later, { signal });
  // The AP draws new fixed elements (messages, dialogs) and wider lists as it goes.
  const off = watch?.subscribe(afterChanges);
  const release = () => {
    off?.();
    clearTimeout(settle);
    open = null;
    restore();
    unmargin();
  };
  signal.addEventListener('abort', release);

  return {
    set(next) {
      if (signal.aborted) return;
      open = next;
      fit();
    },
    release,
  };
}
