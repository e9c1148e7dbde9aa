import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** A sentence of webextension-polyfill's own, found in every bundle that carries it. */
const POLYFILL_MARK = 'This script should only be loaded in a browser extension';

/** Reads the manifests `npm test` built: the store build for Chrome and Firefox, and the e2e build. */
const OUT = path.resolve(__dirname, '../../.output');
const AP = ['https://ap.ksef.mf.gov.pl/*', 'https://ap-demo.ksef.mf.gov.pl/*', 'https://ap-test.ksef.mf.gov.pl/*'];
const AP_MATCHES = AP.map((p) => p.replace('/*', '/web/*'));

interface Manifest {
  manifest_version: number;
  name: string;
  default_locale?: string;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches: string[]; world?: string; run_at?: string; js: string[] }[];
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: unknown };
  };
  web_accessible_resources?: unknown[];
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(path.join(OUT, dir, 'manifest.json'), 'utf8'));
const everyPattern = (m: Manifest) => [
  ...(m.permissions ?? []),
  ...(m.host_permissions ?? []),
  ...(m.content_scripts ?? []).flatMap((c) => c.matches),
];

describe.each(['chrome-mv3', 'firefox-mv3'])('store build %s', (dir) => {
  it('exists', () => expect(existsSync(path.join(OUT, dir, 'manifest.json'))).toBe(true));

  it('asks for the AP hosts only: no <all_urls>, no loopback, no API or provider host', () => {
    const m = manifest(dir);
    expect(m.manifest_version).toBe(3);
    const all = everyPattern(m);
    expect(all).not.toContain('<all_urls>');
    for (const p of all) expect(p).not.toMatch(/127\.0\.0\.1|localhost|\*:\/\/\*|https:\/\/\*\//);
    expect([...(m.host_permissions ?? [])].sort()).toEqual([...AP].sort());
    expect(m.permissions).toEqual(['alarms', 'notifications', 'scripting', 'storage']);
  });

  it('asks for the provider origin only at run time (optional host permission)', () => {
    const m = manifest(dir);
    expect([...(m.optional_host_permissions ?? []), ...(m.optional_permissions ?? [])]).toContain('https://*/*');
  });

  it('runs only the observer from the manifest (MAIN world, document_start, AP pages); the panel script is injected', () => {
    const scripts = manifest(dir).content_scripts ?? [];
    expect(scripts).toHaveLength(1);
    expect([...scripts[0]!.matches].sort()).toEqual([...AP_MATCHES].sort());
    expect(scripts[0]).toMatchObject({ world: 'MAIN', run_at: 'document_start', js: ['content-scripts/observer.js'] });
    // Injected by the background once an AP tab has loaded: it must exist and must not be web-accessible.
    for (const file of ['ap.js', 'ap-panel.js']) {
      expect(existsSync(path.join(OUT, dir, file))).toBe(true);
      expect(JSON.stringify(manifest(dir).web_accessible_resources ?? [])).not.toContain(file);
    }
  });

  it('leaves the store listing material (public/store) out of the extension', () => {
    expect(existsSync(path.join(OUT, dir, 'store'))).toBe(false);
    expect(existsSync(path.join(OUT, dir, 'report.html'))).toBe(true);
  });

  it('is in Polish and English', () => {
    const m = manifest(dir);
    expect(m.name).toBe('__MSG_extName__');
    expect(m.default_locale).toBe('pl');
    for (const lang of ['pl', 'en'])
      expect(existsSync(path.join(OUT, dir, `_locales/${lang}/messages.json`))).toBe(true);
  });

  it('keeps the AP content script within 24 KiB gzipped (webextension-polyfill included), without the panel UI (Preact)', () => {
    const code = readFileSync(path.join(OUT, dir, 'ap.js'));
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(24_576);
    expect(code.toString('utf8')).not.toContain('data-testid');
    expect(code.toString('utf8')).toContain(POLYFILL_MARK);
  });

  it("closes the panel's shadow root to the page's scripts (the e2e build keeps it open for its tests)", () => {
    expect(readFileSync(path.join(OUT, dir, 'ap.js'), 'utf8')).toMatch(/shadow:\W?closed\W/);
    const e2e = path.join(OUT, `${dir}-e2e`, 'ap.js');
    if (existsSync(e2e)) expect(readFileSync(e2e, 'utf8')).toMatch(/shadow:\W?open\W/);
  });

  it("keeps the panel's bundle zod-free: the content script validated what it draws", () => {
    const code = readFileSync(path.join(OUT, dir, 'ap-panel.js'), 'utf8');
    expect(code).not.toMatch(/ZodError|\$ZodType|safeParse/);
  });

  it('keeps the observer zod-free, polyfill-free and within 2 KiB gzipped', () => {
    const code = readFileSync(path.join(OUT, dir, 'content-scripts/observer.js'));
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(2048);
    expect(code.toString('utf8')).not.toMatch(/ZodError|\$ZodType|safeParse/);
    expect(code.toString('utf8')).not.toContain(POLYFILL_MARK);
  });
});

describe('Firefox build', () => {
  it('has a gecko id and an MV3 background script', () => {
    const m = manifest('firefox-mv3');
    expect(m.browser_specific_settings?.gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(m.background?.scripts).toEqual(['background.js']);
    // `data_collection_permissions` (required by AMO) is read from Firefox 140 on.
    expect(m.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
    expect(m.browser_specific_settings?.gecko?.strict_min_version).toBe('140.0');
  });
});

describe('test build (e2e mode)', () => {
  it('adds loopback for the local provider server, nothing broader', () => {
    const m = manifest('chrome-mv3-e2e');
    expect(m.host_permissions).toEqual([...AP, 'http://127.0.0.1/*', 'http://localhost/*']);
    expect(everyPattern(m)).not.toContain('<all_urls>');
  });
});
