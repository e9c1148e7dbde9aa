#!/usr/bin/env node
/**
 * `npm run store`: build the store packages (`wxt zip` for Chrome and Firefox) and check them: each zip holds
 * a manifest and no store listing material, and the Firefox build passes `web-ext lint` with no error. The
 * only warning allowed is Preact's own `innerHTML` assignment (its `dangerouslySetInnerHTML`, which our code
 * never uses; a convention test keeps it so). Exits non-zero on any problem, saying which.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.output');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const problems = [];
const run = (cmd, args) => spawnSync(bin(cmd), args, { cwd: root, encoding: 'utf8', env: process.env });

for (const args of [['zip'], ['zip', '-b', 'firefox', '--mv3']]) {
  const r = run('wxt', args);
  if (r.status !== 0) problems.push(`wxt ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}
/** The names in a zip, from its central directory (no `unzip` on a fresh machine). */
function zipNames(file) {
  const buf = readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const [n, m, k] = [buf.readUInt16LE(at + 28), buf.readUInt16LE(at + 30), buf.readUInt16LE(at + 32)];
    names.push(buf.toString('utf8', at + 46, at + 46 + n));
    at += 46 + n + m + k;
  }
  return names;
}

const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
for (const browser of ['chrome', 'firefox']) {
  const zip = path.join(out, `ksef-companion-${version}-${browser}.zip`);
  let files;
  try {
    files = zipNames(zip);
  } catch (e) {
    problems.push(`${path.basename(zip)}: missing or unreadable (${e.message})`);
    continue;
  }
  if (!files.includes('manifest.json')) problems.push(`${path.basename(zip)}: no manifest.json`);
  if (files.some((f) => f.startsWith('store/'))) problems.push(`${path.basename(zip)}: holds store listing files`);
  console.log(`${path.basename(zip)}: ${files.length} files`);
}

const lint = run('web-ext', ['lint', '--source-dir', path.join(out, 'firefox-mv3'), '--output', 'json', '--no-input']);
let report;
try {
  report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{')));
} catch {
  problems.push(`web-ext lint gave no report:\n${lint.stdout}${lint.stderr}`);
}
if (report) {
  console.log(`web-ext lint: ${JSON.stringify(report.summary)}`);
  for (const e of report.errors) problems.push(`web-ext lint error ${e.code} in ${e.file ?? '-'}: ${e.message}`);
  for (const w of report.warnings) {
    const preact = w.code === 'UNSAFE_VAR_ASSIGNMENT' && /innerHTML/.test(w.message);
    console.log(`  warning ${w.code} ${w.file ?? ''}${preact ? ' (Preact, explained)' : ''}`);
    if (!preact) problems.push(`web-ext lint warning ${w.code} in ${w.file ?? '-'}: ${w.message}`);
  }
}
console.log(
  readdirSync(out)
    .filter((f) => f.endsWith('.zip'))
    .join(', '),
);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
