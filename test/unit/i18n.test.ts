import { JOB_STATES } from '@/lib/messaging/protocol';
import { INTEGRATION_STATES } from '@/lib/provider/schemas';
import { TOURS } from '@/lib/ap/tours';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const load = (lang: string) =>
  JSON.parse(readFileSync(path.join(ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}

describe('translations', () => {
  const pl = load('pl');
  const en = load('en');

  it('Polish and English have the same keys, all non-empty, with the same placeholders', () => {
    expect(Object.keys(pl).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(pl)) {
      expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
      expect(pl[key]!.message.trim(), key).not.toBe('');
      expect(en[key]!.message.trim(), key).not.toBe('');
      // `$2$` is the browser's syntax for a named placeholder: a message holding one fails to load the extension.
      for (const m of [pl[key]!.message, en[key]!.message]) expect(m, key).not.toMatch(/\$[A-Za-z0-9_@]+\$/);
      const ph = (s: string) => (s.match(/\$\d/g) ?? []).sort().join();
      expect(ph(pl[key]!.message), key).toBe(ph(en[key]!.message));
    }
  });

  it('has every key the code asks for', () => {
    const code = [...sources(path.join(ROOT, 'components')), ...sources(path.join(ROOT, 'entrypoints'))].join('\n');
    const used = new Set([...code.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) expect(pl, key).toHaveProperty(key);
    // Keys built from data: environments, page kinds and provider URL problems.
    for (const env of ['TEST', 'DEMO', 'PRD']) expect(pl).toHaveProperty(`env${env}`);
    for (const page of ['permissions', 'tokens', 'certificates', 'home', 'login', 'other']) {
      expect(pl).toHaveProperty(`page_${page}`);
    }
    for (const reason of ['empty', 'invalid', 'not_https', 'credentials'])
      expect(pl).toHaveProperty(`providerUrl_${reason}`);
    for (const state of INTEGRATION_STATES) expect(pl).toHaveProperty(`providerState_${state.replace('-', '_')}`);
    for (const key of ['popupDisagreeLeft', 'popupDisagreeMissing']) expect(pl).toHaveProperty(key);
    for (const state of JOB_STATES) expect(pl).toHaveProperty(`jobState_${state.replace(/-/g, '_')}`);
    for (const kind of ['grant', 'authorization', 'token']) expect(pl).toHaveProperty(`jobKind_${kind}`);
    for (const code of ['no-ap-tab', 'page-failed', 'not-verifiable', 'failed'])
      expect(pl).toHaveProperty(`jobError_${code.replace(/-/g, '_')}`);
    for (const outcome of ['clean', 'remaining', 'failed', 'cancelled'])
      expect(pl).toHaveProperty(`receiptOutcome_${outcome}`);
    for (const key of ['confirm', 'done', 'failed']) expect(pl).toHaveProperty(`notify_${key}`);
    for (const outcome of ['clean', 'remaining', 'failed', 'cancelled'])
      expect(pl).toHaveProperty(`timelineReceipt_${outcome}`);
    for (const problem of ['too_large', 'not_json', 'not_report', 'version', 'invalid'])
      expect(pl).toHaveProperty(`viewerProblem_${problem}`);
    for (const alert of ['expired', 'revoked', 'blocked']) {
      expect(pl).toHaveProperty(`certTitle_${alert}`);
      expect(pl).toHaveProperty(`certState_${alert}`);
    }
    for (const [name, steps] of Object.entries(TOURS)) {
      expect(pl).toHaveProperty(`tourDone_${name.replace('-', '_')}`);
      for (const step of steps) expect(pl).toHaveProperty(`tour_${step.id}`);
    }
  });
});
