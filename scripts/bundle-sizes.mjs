#!/usr/bin/env node
/** Prints one JSON object: raw and gzip (level 9) bytes of every script and style in the built extensions. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const out = path.resolve(import.meta.dirname, '../.output');
const result = {};
for (const build of ['chrome-mv3', 'firefox-mv3']) {
  const dir = path.join(out, build);
  try {
    statSync(dir);
  } catch {
    continue;
  }
  result[build] = {};
  for (const entry of readdirSync(dir, { recursive: true })) {
    const file = String(entry);
    if (!/\.(js|css)$/.test(file)) continue;
    const data = readFileSync(path.join(dir, file));
    result[build][file] = { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  }
}
console.log(JSON.stringify(result, null, 2));
