import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npm run demo -- --smoke` in each replica mode: the product's first command, end to end. */
const root = path.resolve(__dirname, '../..');
const shots = path.join(root, 'test-output/screenshots');

describe.each(['direct', 'proxied', 'dom-only'])('npm run demo --smoke --mode %s', (mode) => {
  it('shows the replica with the extension panel and writes the screenshot', () => {
    mkdirSync(shots, { recursive: true });
    const file = path.join(shots, `demo-${mode}.png`);
    rmSync(file, { force: true });
    const r = spawnSync(
      path.join(root, 'node_modules/.bin/tsx'),
      ['scripts/demo.ts', '--smoke', '--no-build', '--mode', mode, '--screenshot', file],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr || r.stdout).toBe(0);
    expect(r.stdout).toContain('the extension panel is visible');
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(10_000);
  });
});

describe('npm run demo with a wrong option', () => {
  it('says what is wrong and exits non-zero', () => {
    const r = spawnSync(
      path.join(root, 'node_modules/.bin/tsx'),
      ['scripts/demo.ts', '--smoke', '--no-build', '--mode', 'ftp'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('unknown mode "ftp"');
  });
});
