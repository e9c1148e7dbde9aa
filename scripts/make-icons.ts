#!/usr/bin/env node
/** Renders scripts/icon.svg to the PNG sizes the manifest uses, with the same Chromium as the tests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROME_PATH } from '../test/e2e/browser';

const dir = path.resolve(import.meta.dirname, '../public/icon');
const svg = readFileSync(path.join(import.meta.dirname, 'icon.svg'), 'utf8');
const browser = await puppeteer.launch({ executablePath: CHROME_PATH, headless: true, args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 96, 128]) {
  await page.setViewport({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: path.join(dir, `${size}.png`), omitBackground: true });
}
await browser.close();
console.log('icons written to', dir);
