import path from 'node:path';

/**
 * The house rules of docs/architecture.md §3 and §8 (habit 10) as pure checks on one source file, so that the
 * rules themselves can be tested on made-up files as well as run over the project.
 */
export interface Violation {
  file: string;
  rule: string;
  detail: string;
}

/** Where a file lives, in the terms of the §3 table. */
export function zoneOf(rel: string): string {
  const p = rel.split(path.sep).join('/');
  if (p.startsWith('lib/ap/bridge/') || p === 'lib/ap/bridge.ts') return 'lib/ap/bridge';
  const m = /^lib\/([^/]+)\//.exec(p);
  if (m) return `lib/${m[1]}`;
  if (p.startsWith('components/')) return 'components';
  if (p.startsWith('entrypoints/')) return 'entrypoints';
  if (p.startsWith('test/')) return 'test';
  return 'other';
}

/**
 * Which zones each zone may import (docs/architecture.md, "Where code lives"). `TYPES_ONLY` adds zones a zone may
 * import types from and nothing else (`import type`): a UI's connector interfaces, a runtime's shapes.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'lib/ksef': ['lib/ksef'],
  'lib/i18n': ['lib/i18n'],
  'lib/audit': ['lib/audit', 'lib/ksef'],
  'lib/provider': ['lib/provider', 'lib/ksef'],
  'lib/ap': ['lib/ap', 'lib/ap/bridge', 'lib/ksef'],
  'lib/ap/bridge': ['lib/ap/bridge'],
  'lib/messaging': ['lib/messaging', 'lib/ksef', 'lib/audit', 'lib/ap', 'lib/ap/bridge'],
  'lib/storage': ['lib/storage', 'lib/ksef', 'lib/audit', 'lib/provider', 'lib/messaging', 'lib/ap', 'lib/ap/bridge'],
  // Browser DOM helpers without the extension's API (saving a file the user asked for).
  'lib/dom': ['lib/dom'],
  // The diagnostic report: pure assembly, masking and reading (its format is a wire format in lib/messaging).
  'lib/diagnostics': ['lib/diagnostics', 'lib/ksef', 'lib/audit', 'lib/messaging', 'lib/storage', 'lib/ap'],
  // The AP tab's runtime (isolated world).
  'lib/content': [
    'lib/content',
    'lib/ksef',
    'lib/ap',
    'lib/ap/bridge',
    'lib/audit',
    'lib/messaging',
    'lib/diagnostics',
    'lib/dom',
    'lib/i18n',
  ],
  // The background's runtime.
  'lib/background': [
    'lib/background',
    'lib/ksef',
    'lib/ap',
    'lib/ap/bridge',
    'lib/audit',
    'lib/provider',
    'lib/messaging',
    'lib/storage',
    'lib/diagnostics',
    'lib/i18n',
  ],
  // The extension pages' runtime (popup, options, report viewer, authorize): connectors over messaging.
  'lib/pages': ['lib/pages', 'lib/messaging', 'lib/ksef', 'lib/ap', 'lib/i18n', 'lib/dom'],
  components: [
    'components',
    'lib/ksef',
    'lib/audit',
    'lib/provider',
    'lib/messaging',
    'lib/ap',
    'lib/ap/bridge',
    'lib/diagnostics',
    'lib/i18n',
  ],
};

const TYPES_ONLY: Record<string, readonly string[]> = {
  // The content runtime's shapes the panel draws (its controller, the capture store), and the pages' connector
  // interfaces the popup's components receive.
  components: ['lib/content', 'lib/pages'],
};

/** Constants without imports that every zone may use, the observer's bridge included (its bundle stays tiny). */
const SHARED_CONSTANTS = ['lib/ksef/hosts'];

/** The provider's client is the background's alone: no UI imports it, even for a type. */
const BACKGROUND_ONLY = ['lib/provider/client'];

/** The only places allowed to touch the browser API: entrypoints, lib/storage, the background's platform module. */
export function mayUseBrowser(rel: string): boolean {
  const p = rel.split(path.sep).join('/');
  return (
    p.startsWith('entrypoints/') ||
    p.startsWith('lib/storage/') ||
    p === 'lib/background/platform.ts' ||
    p === 'lib/pages/i18n.ts' ||
    p === 'lib/pages/platform.ts'
  );
}

/** No source file grows past this; a longer one holds more than one thing. */
export const MAX_LINES = 300;

const OBSERVER_ENTRY = /^entrypoints\/observer\.content\.ts$/;
const SELECTOR_CALL =
  /\.(querySelector|querySelectorAll|closest|matches|getElementsByClassName|getElementsByTagName)\s*\(/;
const RAW_HTML = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML)\b|document\.write\s*\(/;
const BROWSER_USE = /(from\s+['"]wxt\/browser['"])|(\bchrome\.[a-z]+\.)|(\bbrowser\.[a-z]+\.)/;
export const ENTRYPOINT_MAX_LINES = 45;

export function importsOf(source: string): string[] {
  return importsWithKind(source).map((i) => i.spec);
}

/** Every import and re-export with whether it brings types only (`import type`, `export type`). */
export function importsWithKind(source: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(import|export)\s([^;]*?)from\s+['"]([^'"]+)['"]/g))
    out.push({ spec: m[3]!, typeOnly: /^type\s/.test(m[2]!) });
  for (const m of source.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) out.push({ spec: m[1]!, typeOnly: false });
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1]!, typeOnly: false });
  return out;
}

/** Project-relative path an import points at, or null for a package. */
export function resolveImport(fromRel: string, spec: string): string | null {
  if (spec.startsWith('@/')) return spec.slice(2);
  if (spec.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
  return null;
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
}

export function checkFile(rel: string, source: string): Violation[] {
  const v: Violation[] = [];
  const code = stripComments(source);
  const zone = zoneOf(rel);
  const add = (rule: string, detail: string) => v.push({ file: rel, rule, detail });

  if (RAW_HTML.test(code)) add('raw-html', code.match(RAW_HTML)![0]);
  if (zone !== 'lib/ap' && zone !== 'lib/ap/bridge' && zone !== 'test' && SELECTOR_CALL.test(code)) {
    add('ap-selector-outside-lib-ap', code.match(SELECTOR_CALL)![0]);
  }
  // A type from the browser API (`import type { WxtBrowser }`) calls nothing.
  const calls = code.replace(/(?:^|\n)\s*import\s+type\s[^;]*;/g, '');
  if (zone !== 'test' && !mayUseBrowser(rel) && BROWSER_USE.test(calls))
    add('browser-api', calls.match(BROWSER_USE)![0]);

  for (const { spec, typeOnly } of importsWithKind(code)) {
    const target = resolveImport(rel, spec);
    if (!target) continue;
    const tz = zoneOf(`${target}.ts`) === 'other' ? zoneOf(target) : zoneOf(`${target}.ts`);
    if (tz === 'test' && zone !== 'test') add('imports-test', spec);
    const allowed = [...(MAY_IMPORT[zone] ?? []), ...(typeOnly ? (TYPES_ONLY[zone] ?? []) : [])];
    if (MAY_IMPORT[zone] && !allowed.includes(tz) && tz !== 'other' && !SHARED_CONSTANTS.includes(target))
      add('import-crosses-layers', `${zone} → ${tz} (${spec})`);
    if (BACKGROUND_ONLY.includes(target) && zone !== 'lib/background' && zone !== 'entrypoints')
      add('import-crosses-layers', `${zone} → ${target} (the background's alone)`);
    if (OBSERVER_ENTRY.test(rel) && tz !== 'lib/ap/bridge' && !SHARED_CONSTANTS.includes(target))
      add('observer-imports', spec);
  }

  // The visit's one observer of the page: everything else subscribes to it.
  if (zone !== 'test' && rel !== 'lib/content/page-watch.ts' && /new\s+MutationObserver\b/.test(code))
    add('page-observer', rel);

  const lines = source.split('\n').length;
  if (zone !== 'test' && lines > MAX_LINES) add('file-too-long', `${lines} lines`);
  if (zone === 'components' && /\.ts$/.test(rel) && !isPreactModule(code)) add('components-not-preact', rel);

  if (zone === 'entrypoints' && /\.(ts|tsx)$/.test(rel)) {
    const lines = code.split('\n').filter((l) => l.trim() !== '').length;
    if (lines > ENTRYPOINT_MAX_LINES) add('entrypoint-grows', `${lines} lines`);
    if (/(?<![.\w])(for|while)\s*\(/.test(code)) add('entrypoint-grows', 'loop');
    if ((code.match(/\bif\s*\(/g) ?? []).length > 2) add('entrypoint-grows', 'branches');
  }
  return v;
}

/** A `.ts` module of components/ (a `.tsx` one renders JSX with Preact) must be Preact too: a hook. */
function isPreactModule(code: string): boolean {
  return /from\s+['"]preact(\/[\w-]+)?['"]/.test(code);
}

/** Where the e2e layers' knowledge of our markup lives: one page object per surface. */
const E2E_PAGE_OBJECTS = /^test\/e2e\/pages\//;
/** A fixed pause: `setTimeout` or a `sleep` helper with a literal delay above 0, or puppeteer's `waitForTimeout`. */
const FIXED_WAIT =
  /setTimeout\([^,()]*(?:\([^()]*\)[^,()]*)*,\s*[1-9][\d_]*\s*\)|\bsleep\(\s*[1-9]|\bwaitForTimeout\s*\(/;

/**
 * The e2e specs' rules (docs/architecture.md §7): they say what a user does and leave the test ids to the page
 * objects in `test/e2e/pages/`; they wait for events or state (`test/e2e/wait.ts` polls state outside a page),
 * never for a fixed time.
 */
export function checkE2eFile(rel: string, source: string): Violation[] {
  const v: Violation[] = [];
  const code = stripComments(source);
  const add = (rule: string, detail: string) => v.push({ file: rel, rule, detail });
  if (!E2E_PAGE_OBJECTS.test(rel) && /data-testid/.test(code)) add('e2e-test-id-outside-page-object', rel);
  if (FIXED_WAIT.test(code)) add('e2e-fixed-wait', code.match(FIXED_WAIT)![0]);
  return v;
}
