import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from './cycles';
import { checkE2eFile, checkFile, type Violation } from './rules';

const ROOT = path.resolve(__dirname, '../../..');

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

describe('house rules (docs/architecture.md §3, §8, habit 10)', () => {
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
    ['lib/ap/bridge/x.ts', "import { checkNip } from '../../ksef/identifiers';", 'import-crosses-layers'],
    ['lib/audit/x.ts', "import { f } from '@/components/Panel';", 'import-crosses-layers'],
    ['lib/provider/x.ts', "import { fake } from '../../test/sim/x';", 'imports-test'],
    ['entrypoints/observer.content.ts', "import { apLocation } from '@/lib/ap/pages';", 'observer-imports'],
    [
      'entrypoints/background.ts',
      Array.from({ length: 60 }, (_, i) => `const a${i} = ${i};`).join('\n'),
      'entrypoint-grows',
    ],
    ['entrypoints/background.ts', 'for (const x of y) z(x);', 'entrypoint-grows'],
    ['components/store.ts', 'export const a = 1;', 'components-not-preact'],
    ['components/connectors.ts', 'export interface B {\n  a: string;\n}', 'components-not-preact'],
    ['components/X.tsx', "import { popupConnector } from '@/lib/pages/connectors';", 'import-crosses-layers'],
    ['lib/content/guide.ts', 'const o = new MutationObserver(f);', 'page-observer'],
    ['lib/background/x.ts', 'await browser.tabs.query({});', 'browser-api'],
    ['lib/content/x.ts', "import { Panel } from '@/components/Panel';", 'import-crosses-layers'],
    ['lib/content/x.ts', "import { startBackground } from '../background/start';", 'import-crosses-layers'],
    ['components/X.tsx', "import { createHandlers } from '@/lib/background/handlers';", 'import-crosses-layers'],
    ['components/X.tsx', "import { readSettings } from '@/lib/storage/settings';", 'import-crosses-layers'],
    ['components/X.tsx', "import type { ProviderClient } from '@/lib/provider/client';", 'import-crosses-layers'],
    ['components/X.tsx', "import { guideState } from '@/lib/content/guide';", 'import-crosses-layers'],
    ['lib/pages/x.ts', "import { Popup } from '../../components/Popup';", 'import-crosses-layers'],
    ['lib/audit/x.ts', Array.from({ length: 301 }, (_, i) => `const a${i} = ${i};`).join('\n'), 'file-too-long'],
  ])('catch a violation in %s: %s', (rel, source, rule) => {
    expect(checkFile(rel, source).map((v) => v.rule)).toContain(rule);
  });

  it.each([
    ['lib/storage/x.ts', "import { storage } from 'wxt/utils/storage'; await browser.storage.local.get('a');"],
    ['lib/ap/selectors.ts', "root.querySelector('nav a')"],
    ['components/X.tsx', '// el.innerHTML is never used\nconst a = 1;'],
    ['lib/messaging/background.ts', "import { isApUrl } from '../ap/pages';"],
    ['entrypoints/ap/index.tsx', "const STARTED = Symbol.for('x');"],
    ['components/useX.ts', "import { useState } from 'preact/hooks';\nexport const useX = () => useState(1);"],
    ['components/X.tsx', "import type { GuideStep } from '@/lib/content/guide';"],
    ['components/X.tsx', "import type { PopupConnector } from '@/lib/pages/connectors';"],
    ['lib/background/start.ts', "import type { WxtBrowser } from 'wxt/browser';"],
    ['lib/background/platform.ts', 'await browser.tabs.query({});'],
    ['lib/ap/bridge/observer.ts', "import { NIP_DIGITS } from '../../ksef/hosts';"],
  ])('allow what the rules allow in %s', (rel, source) => {
    expect(checkFile(rel, source)).toEqual([]);
  });

  it('leave no import cycle in lib/, components/ and entrypoints/', () => {
    const sources: Record<string, string> = {};
    for (const rel of [...files('lib'), ...files('components'), ...files('entrypoints')])
      sources[rel] = readFileSync(path.join(ROOT, rel), 'utf8');
    expect(findCycles(importGraph(sources))).toEqual([]);
  });

  it('find an import cycle, direct or through type imports', () => {
    const graph = importGraph({
      'components/Popup.tsx': "import { Job } from './Job';",
      'components/Job.tsx': "import type { PopupConnector } from './Popup';",
      'lib/a/x.ts': "import { y } from './y';",
      'lib/a/y.ts': "import { z } from '@/lib/a/z';",
      'lib/a/z.ts': 'export const z = 1;',
      'lib/b/self.ts': "import { s } from './self';",
    });
    expect(findCycles(graph)).toEqual([['components/Job.tsx', 'components/Popup.tsx'], ['lib/b/self.ts']]);
  });

  it('hold for the e2e specs: test ids only in page objects, no fixed pauses', () => {
    const all = files('test/e2e').flatMap((rel) => checkE2eFile(rel, readFileSync(path.join(ROOT, rel), 'utf8')));
    expect(all).toEqual([]);
  });

  it.each([
    ['test/e2e/x-suite.ts', 'await popup.click(\'[data-testid="job-start"]\');', 'e2e-test-id-outside-page-object'],
    ['test/e2e/x.test.ts', 'await new Promise((r) => setTimeout(r, 800));', 'e2e-fixed-wait'],
    ['test/e2e/pages/x.ts', 'await new Promise((resolve) => setTimeout(() => resolve(1), 1_000));', 'e2e-fixed-wait'],
    ['test/e2e/x.test.ts', 'await page.waitForTimeout(300);', 'e2e-fixed-wait'],
    ['test/e2e/x.ts', 'await sleep(50);', 'e2e-fixed-wait'],
  ])('catch an e2e violation in %s: %s', (rel, source, rule) => {
    expect(checkE2eFile(rel, source).map((v) => v.rule)).toContain(rule);
  });

  it.each([
    ['test/e2e/pages/popup.ts', 'this.page.click(\'[data-testid="job-start"]\')'],
    ['test/e2e/x-suite.ts', 'await ap.evaluate(() => new Promise((r) => setTimeout(r, 0)));'],
    ['test/e2e/wait.ts', 'await new Promise((r) => setTimeout(r, every));'],
  ])('allow what the e2e rules allow in %s', (rel, source) => {
    expect(checkE2eFile(rel, source)).toEqual([]);
  });
});
