import path from 'node:path';

/**
 * The house rules of architecture.md §3 and style.md (habit 10) as pure checks on one source file, so that the
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

/** Which zones each zone may import (§3, with the light `lib/ap` parts opened to messaging; see docs/decisions.md). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'lib/ksef': ['lib/ksef'],
  'lib/audit': ['lib/audit', 'lib/ksef'],
  'lib/provider': ['lib/provider', 'lib/ksef'],
  'lib/messaging': ['lib/messaging', 'lib/ksef', 'lib/audit', 'lib/ap', 'lib/ap/bridge'],
  'lib/storage': ['lib/storage', 'lib/ksef', 'lib/audit', 'lib/provider', 'lib/messaging', 'lib/ap', 'lib/ap/bridge'],
  'lib/ap': ['lib/ap', 'lib/ap/bridge', 'lib/ksef'],
  'lib/ap/bridge': ['lib/ap/bridge'],
  // The diagnostic report: pure assembly, masking and reading (its schema is a wire format in lib/messaging).
  'lib/report': ['lib/report', 'lib/ksef', 'lib/audit', 'lib/messaging', 'lib/storage', 'lib/ap'],
  'lib/jobs': [
    'lib/report',
    'lib/jobs',
    'lib/ksef',
    'lib/audit',
    'lib/provider',
    'lib/messaging',
    'lib/storage',
    'lib/ap',
    'lib/ap/bridge',
  ],
  components: [
    'components',
    'lib/ksef',
    'lib/audit',
    'lib/provider',
    'lib/messaging',
    'lib/storage',
    'lib/ap',
    'lib/ap/bridge',
    'lib/jobs',
    'lib/report',
  ],
};

/** The only places allowed to touch the browser API (§3: entrypoints, lib/storage, the background side of messaging). */
export function mayUseBrowser(rel: string): boolean {
  const p = rel.split(path.sep).join('/');
  return (
    p.startsWith('entrypoints/') ||
    p.startsWith('lib/storage/') ||
    p === 'lib/messaging/background.ts' ||
    p === 'components/extension-i18n.ts'
  );
}

const OBSERVER_ENTRY = /^entrypoints\/observer\.content\.ts$/;
const SELECTOR_CALL =
  /\.(querySelector|querySelectorAll|closest|matches|getElementsByClassName|getElementsByTagName)\s*\(/;
const RAW_HTML = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML)\b|document\.write\s*\(/;
const BROWSER_USE = /(from\s+['"]wxt\/browser['"])|(\bchrome\.[a-z]+\.)|(\bbrowser\.[a-z]+\.)/;
export const ENTRYPOINT_MAX_LINES = 45;

export function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
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
  if (zone !== 'test' && !mayUseBrowser(rel) && BROWSER_USE.test(code)) add('browser-api', code.match(BROWSER_USE)![0]);

  for (const spec of importsOf(code)) {
    const target = resolveImport(rel, spec);
    if (!target) continue;
    const tz = zoneOf(`${target}.ts`) === 'other' ? zoneOf(target) : zoneOf(`${target}.ts`);
    if (tz === 'test' && zone !== 'test') add('imports-test', spec);
    const allowed = MAY_IMPORT[zone];
    if (allowed && !allowed.includes(tz) && tz !== 'other') add('import-crosses-layers', `${zone} → ${tz} (${spec})`);
    if (OBSERVER_ENTRY.test(rel) && tz !== 'lib/ap/bridge') add('observer-imports', spec);
  }

  if (zone === 'entrypoints' && /\.(ts|tsx)$/.test(rel)) {
    const lines = code.split('\n').filter((l) => l.trim() !== '').length;
    if (lines > ENTRYPOINT_MAX_LINES) add('entrypoint-grows', `${lines} lines`);
    if (/(?<![.\w])(for|while)\s*\(/.test(code)) add('entrypoint-grows', 'loop');
    if ((code.match(/\bif\s*\(/g) ?? []).length > 2) add('entrypoint-grows', 'branches');
  }
  return v;
}
