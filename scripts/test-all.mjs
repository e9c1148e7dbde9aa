#!/usr/bin/env node
/**
 * `npm test`: every layer in order, and one closing line `N passed, N failed` that is true for all of them.
 * Layers: type check, unit (vitest: pure logic, UI in happy-dom, background with WXT's fake browser),
 * sim (the KSeF twin, provider reference server and AP replica, checked against the official material),
 * builds (Chrome store, Firefox store, e2e), build checks plus e2e in Chromium, and e2e in Firefox ESR (the Firefox
 * build over WebDriver BiDi).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'test-output');
mkdirSync(out, { recursive: true });
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const layers = [];

function run(cmd, args) {
  const started = Date.now();
  const r = spawnSync(bin(cmd), args, { cwd: root, stdio: 'inherit', env: process.env });
  return { ok: r.status === 0, seconds: (Date.now() - started) / 1000 };
}

function runNode(args) {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  return { ok: r.status === 0, seconds: (Date.now() - started) / 1000 };
}

function step(name, cmd, args) {
  console.log(`\n── ${name}`);
  const r = cmd === 'node' ? runNode(args) : run(cmd, args);
  layers.push({ name, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, seconds: r.seconds });
}

function vitest(name, config) {
  const report = path.join(out, `${name}.json`);
  rmSync(report, { force: true });
  console.log(`\n── ${name}`);
  const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  if (config) args.push('--config', config);
  const r = run('vitest', args);
  let passed = 0;
  let failed = 0;
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed = j.numPassedTests;
    // A test file that fails to load has no failed test but is a failure all the same.
    failed = j.numFailedTests + (j.numFailedTests === 0 ? j.numFailedTestSuites : 0);
  }
  if (!r.ok && failed === 0) failed = 1;
  layers.push({ name, passed, failed, seconds: r.seconds });
}

step('typecheck', 'tsc', ['--noEmit']);
vitest('unit');
vitest('sim', 'vitest.sim.config.ts');
step('build chrome-mv3', 'wxt', ['build']);
step('build firefox-mv3', 'wxt', ['build', '-b', 'firefox', '--mv3']);
step('store packages', 'node', ['scripts/store-check.mjs']);
step('build chrome-mv3-e2e', 'wxt', ['build', '--mode', 'e2e']);
vitest('e2e', 'vitest.e2e.config.ts');
step('build firefox-mv3-e2e', 'wxt', ['build', '-b', 'firefox', '--mv3', '--mode', 'e2e']);
vitest('e2e-firefox', 'vitest.firefox.config.ts');

const passed = layers.reduce((a, l) => a + l.passed, 0);
const failed = layers.reduce((a, l) => a + l.failed, 0);
writeFileSync(path.join(out, 'summary.json'), `${JSON.stringify({ passed, failed, layers }, null, 2)}\n`);
console.log('\n── summary');
for (const l of layers)
  console.log(`${l.name.padEnd(22)} ${l.passed} passed, ${l.failed} failed  (${l.seconds.toFixed(1)} s)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
