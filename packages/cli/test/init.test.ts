/**
 * @module-tag integration
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { assay, folder } from './support/cli.ts';

function monorepo(): string {
  const root = folder('init');
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'shop', private: true }));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  mkdirSync(join(root, 'packages', 'lib'), { recursive: true });
  writeFileSync(join(root, 'packages', 'lib', 'package.json'), JSON.stringify({ name: 'lib' }));
  // The assay.config.ts that init writes imports @assay/tiers, as the user's install provides it.
  const tiers = dirname(dirname(fileURLToPath(import.meta.resolve('@assay/tiers'))));
  mkdirSync(join(root, 'node_modules', '@assay'), { recursive: true });
  symlinkSync(tiers, join(root, 'node_modules', '@assay', 'tiers'));
  return root;
}

describe('assay init', { meta: req('CLI-004') }, () => {
  test('--check fails while something is missing, --dry-run writes nothing, init writes, then --check passes', () => {
    const root = monorepo();
    const check = assay(root, 'init', '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('  would create          packages/lib/vitest.config.ts');

    const dry = assay(root, 'init', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout.trimEnd().split('\n').at(-1)).toBe(
      'assay init: 9 would create, 2 would update, 0 would replace, 0 would leave as it is, 0 up to date — nothing written',
    );
    expect(existsSync(join(root, 'turbo.json'))).toBe(false);

    const done = assay(root, 'init');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(
      '  created               turbo.json  (tasks transit, test:pr, test:nightly, test:weekly)',
    );
    expect(existsSync(join(root, 'packages', 'lib', 'requirements.yaml'))).toBe(true);

    expect(assay(root, 'init', '--check')).toMatchObject({
      code: 0,
      stdout:
        'assay init: 0 would create, 0 would update, 0 would replace, 0 would leave as it is, 11 up to date — nothing written\n',
    });
  });

  test('bad input: outside a monorepo, --check with --force — one line, exit 2', () => {
    const bare = folder('bare');
    expect(assay(bare, 'init')).toMatchObject({
      code: 2,
      stderr: `assay: no pnpm-workspace.yaml in ${bare}: assay init works at the root of a pnpm monorepo\n`,
    });
    expect(assay(monorepo(), 'init', '--check', '--force')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^assay: --check writes nothing, so --force has no meaning with it/),
    });
  });
});
