import { describe, expect, it, vi } from 'vitest';
import { createFeatureManager } from '@/lib/content/features';
import { createPageWatch } from '@/lib/content/page-watch';
import type { ApLocation } from '@/lib/ap/pages';

const at = (page: ApLocation['page']): ApLocation => ({ environment: 'DEMO', page }) as ApLocation;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('one observer of the page per visit', () => {
  it('observes only while someone listens, tells every listener, and a listener that throws stops no other', async () => {
    const visit = new AbortController();
    const spy = vi.spyOn(MutationObserver.prototype, 'observe');
    const watch = createPageWatch(document, visit.signal);
    expect(spy).not.toHaveBeenCalled();
    const seen: number[] = [];
    const offA = watch.subscribe(() => {
      throw new Error('a feature failed');
    });
    const offB = watch.subscribe((m) => seen.push(m.length));
    expect(spy).toHaveBeenCalledTimes(1);
    document.body.appendChild(document.createElement('p'));
    await tick();
    expect(seen.length).toBe(1);
    offA();
    offB();
    document.body.appendChild(document.createElement('p'));
    await tick();
    expect(seen.length).toBe(1);
    watch.subscribe(() => seen.push(-1));
    visit.abort();
    document.body.appendChild(document.createElement('p'));
    await tick();
    expect(seen).not.toContain(-1);
    spy.mockRestore();
  });
});

describe('feature manager', () => {
  it('runs what applies to the page, keeps going past a failing feature, and ends a page before the next', async () => {
    const visit = new AbortController();
    const errors: string[] = [];
    const signals: AbortSignal[] = [];
    const ran: string[] = [];
    const manager = createFeatureManager(
      [
        {
          id: 'broken',
          appliesTo: () => true,
          init: () => {
            throw new Error('boom');
          },
        },
        { id: 'rejects', appliesTo: () => true, init: async () => Promise.reject(new Error('later')) },
        { id: 'lists', appliesTo: (l) => l.page === 'permissions', init: ({ signal }) => void signals.push(signal) },
        { id: 'everywhere', appliesTo: () => true, init: ({ location }) => void ran.push(location.page) },
      ],
      { doc: document, watch: createPageWatch(document, visit.signal), signal: visit.signal },
      (id) => errors.push(id),
    );
    manager.run(at('permissions'));
    await tick();
    expect(errors.sort()).toEqual(['broken', 'rejects']);
    expect(signals).toHaveLength(1);
    manager.run(at('tokens'));
    expect(signals[0]!.aborted).toBe(true);
    expect(signals).toHaveLength(1);
    expect(ran).toEqual(['permissions', 'tokens']);
  });
});
