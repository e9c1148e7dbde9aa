import { describe, expect, it } from 'vitest';
import { mountShadowHost } from '@/lib/ap/panel-host';

describe('the panel host', () => {
  it('closed, the page sees the host but not inside it; removing the host removes everything', () => {
    const { host, container, remove } = mountShadowHost(document, 'ksef-companion', ':host{all:initial}', 'closed');
    container.textContent = 'Pozostałości: 2';
    expect(document.querySelector('ksef-companion')).toBe(host);
    expect(host.shadowRoot).toBeNull();
    expect(document.body.textContent).not.toContain('Pozostałości');
    remove();
    expect(document.querySelector('ksef-companion')).toBeNull();
  });

  it('open (the builds for tests and the demo), and a second mount replaces the first', () => {
    mountShadowHost(document, 'ksef-companion', '', 'open');
    const { host } = mountShadowHost(document, 'ksef-companion', '', 'open');
    expect(document.querySelectorAll('ksef-companion')).toHaveLength(1);
    expect(host.shadowRoot?.querySelector('style')).not.toBeNull();
  });
});
