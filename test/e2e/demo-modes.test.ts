import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSuite } from './demo-suite';

const root = path.resolve(__dirname, '../..');

demoSuite('chromium');

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

describe('npm run demo with a browser it does not know', () => {
  it('says which browsers it knows and exits non-zero', () => {
    const r = spawnSync(
      path.join(root, 'node_modules/.bin/tsx'),
      ['scripts/demo.ts', '--smoke', '--no-build', '--browser', 'safari'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('unknown browser "safari"; choose one of: chromium, firefox');
  });
});
