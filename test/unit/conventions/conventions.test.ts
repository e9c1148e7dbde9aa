import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, type Violation } from './rules';

const ROOT = path.resolve(__dirname, '../../..');

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

describe('house rules (architecture.md §3, style.md habit 10)', () => {
  it('hold for every file in lib/, components/ and entrypoints/', () => {
    const all: Violation[] = [];
    for (const rel of [...files('lib'), ...files('components'), ...files('entrypoints')]) {
      all.push(...checkFile(rel, readFileSync(path.join(ROOT, rel), 'utf8')));
    }
    expect(all).toEqual([]);
  });

  it.each([
    ['components/X.tsx', 'el.innerHTML = html;', 'raw-html'],
    ['components/X.tsx', '<div dangerouslySetInnerHTML={{ __html: x }} />', 'raw-html'],
    ['components/X.tsx', "document.querySelector('.ap-row')", 'ap-selector-outside-lib-ap'],
    ['entrypoints/ap.content/index.tsx', "row.closest('tr')", 'ap-selector-outside-lib-ap'],
    ['lib/audit/x.ts', "await browser.storage.local.get('a')", 'browser-api'],
    ['components/X.tsx', "import { browser } from 'wxt/browser';", 'browser-api'],
    ['lib/ksef/x.ts', "import { a } from '../audit/y';", 'import-crosses-layers'],
    ['lib/ap/bridge/x.ts', "import { z } from '../../ksef/schemas/common';", 'import-crosses-layers'],
    ['lib/audit/x.ts', "import { f } from '@/components/Panel';", 'import-crosses-layers'],
    ['lib/provider/x.ts', "import { fake } from '../../test/sim/x';", 'imports-test'],
    ['entrypoints/observer.content.ts', "import { apLocation } from '@/lib/ap/pages';", 'observer-imports'],
    [
      'entrypoints/background.ts',
      Array.from({ length: 60 }, (_, i) => `const a${i} = ${i};`).join('\n'),
      'entrypoint-grows',
    ],
    ['entrypoints/background.ts', 'for (const x of y) z(x);', 'entrypoint-grows'],
  ])('catch a violation in %s: %s', (rel, source, rule) => {
    expect(checkFile(rel, source).map((v) => v.rule)).toContain(rule);
  });

  it.each([
    ['lib/storage/x.ts', "import { storage } from 'wxt/utils/storage'; await browser.storage.local.get('a');"],
    ['lib/ap/selectors.ts', "root.querySelector('nav a')"],
    ['components/X.tsx', '// el.innerHTML is never used\nconst a = 1;'],
    ['lib/messaging/background.ts', "import { isApUrl } from '../ap/pages';"],
    ['entrypoints/ap/index.tsx', "const STARTED = Symbol.for('x');"],
  ])('allow what the rules allow in %s', (rel, source) => {
    expect(checkFile(rel, source)).toEqual([]);
  });
});
