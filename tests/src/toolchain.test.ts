/**
 * @module-tag e2e
 */

import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT, run, tempDir } from './support/repo.ts';

const SCRIPT = join(REPO_ROOT, 'tools', 'toolchain.sh');

describe('the toolchain bootstrap', { meta: req('PLAT-001') }, () => {
  test('is idempotent: with nothing missing it changes nothing and prints nothing', () => {
    const first = run(SCRIPT, [], REPO_ROOT);
    expect(first.status, first.stderr).toBe(0);
    const second = run(SCRIPT, [], REPO_ROOT);
    expect(second.status).toBe(0);
    expect(second.stdout + second.stderr).toBe('');
  });

  test('says in one line when the npm registry cannot be reached', () => {
    // A copy of the repo's toolchain files with nothing installed yet, and a registry nobody answers.
    const dir = tempDir('toolchain');
    mkdirSync(join(dir, 'tools'));
    for (const file of ['tools/toolchain.sh', '.node-version', 'package.json']) {
      copyFileSync(join(REPO_ROOT, file), join(dir, file));
    }
    const result = run('bash', ['tools/toolchain.sh'], dir, {
      PATH: '/usr/local/bin:/usr/bin:/bin',
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_fetch_retries: '0',
    });
    expect(result.status).toBe(1);
    const errors = result.stderr
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('toolchain: installing') && !line.includes('older than 22.12'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^toolchain: cannot fetch \S+ from the npm registry \(.*ECONNREFUSED.*\); check the network and npm's registry setting$/,
    );
  });
});
