import { describe, expect, it } from 'vitest';
import { AP_MATCHES } from '@/lib/ap/bridge';
import { AP_PAGE_EXAMPLES, AP_PAGES, apLocation, isApUrl } from '@/lib/ap/pages';

describe('AP page predicates', () => {
  for (const page of AP_PAGES) {
    it(`${page.kind} accepts its own examples and none of the others'`, () => {
      expect(AP_PAGE_EXAMPLES[page.kind].length).toBeGreaterThan(0);
      for (const url of AP_PAGE_EXAMPLES[page.kind]) expect(apLocation(url)?.page, url).toBe(page.kind);
      for (const other of AP_PAGES.filter((p) => p !== page)) {
        for (const url of AP_PAGE_EXAMPLES[other.kind]) expect(page.test(new URL(url).pathname), url).toBe(false);
      }
    });
  }

  it('knows the environment and rejects what is not the current AP', () => {
    expect(apLocation('https://ap-test.ksef.mf.gov.pl/web/invoices')).toEqual({ environment: 'TEST', page: 'other' });
    expect(isApUrl('https://api-demo.ksef.mf.gov.pl/web/permissions')).toBe(false);
    expect(isApUrl('http://ap-demo.ksef.mf.gov.pl/web/permissions')).toBe(false);
    expect(isApUrl('https://ap-demo.ksef.mf.gov.pl/other/')).toBe(false);
    expect(isApUrl('https://web2te-ksef.mf.gov.pl/web/')).toBe(false);
    expect(isApUrl('https://ap-demo.ksef.mf.gov.pl.attacker.example/web/')).toBe(false);
    expect(isApUrl('::')).toBe(false);
  });

  it('matches only the three AP hosts in the manifest', () => {
    expect(AP_MATCHES).toEqual([
      'https://ap.ksef.mf.gov.pl/web/*',
      'https://ap-demo.ksef.mf.gov.pl/web/*',
      'https://ap-test.ksef.mf.gov.pl/web/*',
    ]);
  });
});
