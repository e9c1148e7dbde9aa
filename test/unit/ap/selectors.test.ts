import { describe, expect, it } from 'vitest';
import { findFirst, SELECTORS, type SelectorEntry } from '@/lib/ap/selectors';

const entries = Object.entries(SELECTORS) as [string, SelectorEntry][];

describe('AP selectors data', () => {
  it('is named after its keys, dated, sourced and has at least one finder', () => {
    for (const [key, entry] of entries) {
      expect(entry.name).toBe(key);
      expect(entry.seen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.source.length).toBeGreaterThan(3);
      expect(entry.finders.length).toBeGreaterThan(0);
    }
    const keys = entries.map(([k]) => k);
    expect(keys).toEqual([...keys].sort());
  });

  it('has CSS that parses', () => {
    for (const [, entry] of entries) {
      for (const f of entry.finders) {
        expect(() => document.querySelector('css' in f ? f.css : f.within)).not.toThrow();
      }
    }
  });

  it('tries finders in order and matches visible text loosely', () => {
    document.body.innerHTML = `<nav><a href="/web/x">  Zarządzaj
      uprawnieniami </a></nav><a href="/web/permissions">other</a>`;
    const el = findFirst(document, SELECTORS.menuManagePermissions);
    expect(el?.getAttribute('href')).toBe('/web/x');
    document.body.innerHTML = '<a href="/web/permissions">Uprawnienia</a>';
    expect(findFirst(document, SELECTORS.menuManagePermissions)?.textContent).toBe('Uprawnienia');
    document.body.innerHTML = '<p>nothing</p>';
    expect(findFirst(document, SELECTORS.menuTokenList)).toBeNull();
  });
});
