import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserName } from './session';

/** `npm run demo -- --smoke` in each replica mode and the given browser: the product's first command, end to end. */
const root = path.resolve(__dirname, '../..');
const shots = path.join(root, 'test-output/screenshots');

export function demoSuite(name: BrowserName) {
  describe.each(['direct', 'proxied', 'dom-only'])(`npm run demo --smoke --browser ${name} --mode %s`, (mode) => {
    it('shows the replica with the extension panel and writes the screenshot', () => {
      mkdirSync(shots, { recursive: true });
      const file = path.join(shots, name === 'chromium' ? `demo-${mode}.png` : `demo-${name}-${mode}.png`);
      rmSync(file, { force: true });
      const r = spawnSync(
        path.join(root, 'node_modules/.bin/tsx'),
        ['scripts/demo.ts', '--smoke', '--no-build', '--browser', name, '--mode', mode, '--screenshot', file],
        { cwd: root, encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status, r.stderr || r.stdout).toBe(0);
      expect(r.stdout).toContain('the extension panel is visible');
      expect(existsSync(file) && statSync(file).size).toBeGreaterThan(10_000);
      if (name === 'firefox') expect(r.stdout).toMatch(/nothing left the machine/);
    });
  });
}
