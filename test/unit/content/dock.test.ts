import { afterEach, describe, expect, it } from 'vitest';
import { createDock, dockWidth } from '@/lib/content/dock';

/** Lay the page out as a browser would have: happy-dom measures nothing. */
function layout(windowWidth: number, contentWidth: number) {
  Object.defineProperty(document.documentElement, 'clientWidth', { value: windowWidth, configurable: true });
  Object.defineProperty(document.body, 'scrollWidth', { value: contentWidth, configurable: true });
}

describe('the panel’s dock', () => {
  afterEach(() => {
    delete (document.documentElement as { clientWidth?: number }).clientWidth;
    delete (document.body as { scrollWidth?: number }).scrollWidth;
  });

  it('is a column of text when open, never narrower than 272 px nor wider than 360 px, and a strip collapsed', () => {
    expect(dockWidth(1024, true)).toBe(287);
    expect(dockWidth(800, true)).toBe(272);
    expect(dockWidth(1920, true)).toBe(360);
    expect(dockWidth(1024, false)).toBe(44);
  });

  it('makes room at the right of the AP’s root and gives back exactly what the page had', async () => {
    layout(1024, 600);
    document.documentElement.style.setProperty('margin-right', '3px');
    const host = document.createElement('ksef-companion');
    document.body.append(host);
    const stop = new AbortController();
    const dock = createDock(host, null, stop.signal);
    dock.set(true);
    const width = dockWidth(window.innerWidth, true);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe(`${width}px`);
    expect(host.style.getPropertyValue('--ksef-dock')).toBe(`${width}px`);
    dock.set(false);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('44px');
    stop.abort();
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('3px');
    expect(document.documentElement.style.getPropertyPriority('margin-right')).toBe('');
    host.remove();
  });

  it('becomes a band at the top of the page, with no margin, where the AP’s content does not fit beside it', () => {
    layout(1024, 900);
    document.documentElement.style.removeProperty('margin-right');
    document.body.innerHTML = '<main>AP</main>';
    const host = document.createElement('ksef-companion');
    document.body.append(host);
    const stop = new AbortController();
    const dock = createDock(host, null, stop.signal);
    dock.set(true);
    expect(host.hasAttribute('data-band')).toBe(true);
    expect(document.body.firstElementChild).toBe(host);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('');
    // Collapsed, the strip fits beside the content: docked again, at the end of the page as mounted.
    dock.set(false);
    expect(host.hasAttribute('data-band')).toBe(false);
    expect(document.body.lastElementChild).toBe(host);
    expect(document.documentElement.style.getPropertyValue('margin-right')).toBe('44px');
    stop.abort();
    host.remove();
  });
});
