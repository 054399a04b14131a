/**
 * @module-tag e2e
 */

import { chmodSync, copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { IN_RUNNER_IMAGE, REPO_ROOT, run, tempDir } from './support/repo.ts';

const SCRIPT = join(REPO_ROOT, 'tools', 'toolchain.sh');

// A checkout's bootstrap, which fetches from the npm registry: not the runner image's.
describe.skipIf(IN_RUNNER_IMAGE)('the toolchain bootstrap', { meta: req('PLAT-001') }, () => {
  test('is idempotent: with nothing missing it changes nothing and prints nothing', async () => {
    const first = await run(SCRIPT, [], REPO_ROOT);
    expect(first.status, first.stderr).toBe(0);
    const second = await run(SCRIPT, [], REPO_ROOT);
    expect(second.status).toBe(0);
    expect(second.stdout + second.stderr).toBe('');
  });

  test('says in one line when the npm registry cannot be reached', async () => {
    // A copy of the repo's toolchain files with nothing installed yet, and a registry nobody answers.
    const dir = tempDir('toolchain');
    mkdirSync(join(dir, 'tools'));
    for (const file of ['tools/toolchain.sh', '.node-version', 'package.json']) {
      copyFileSync(join(REPO_ROOT, file), join(dir, file));
    }
    const result = await run('bash', ['tools/toolchain.sh'], dir, {
      PATH: '/usr/local/bin:/usr/bin:/bin',
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_fetch_retries: '0',
    });
    expect(result.status).toBe(1);
    const errors = result.stderr
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('toolchain: installing') && !line.includes('older than 22.15'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^toolchain: cannot fetch \S+ from the npm registry \(.*ECONNREFUSED.*\); check the network and npm's registry setting$/,
    );
  });
});

// Running it as another user needs root, as CI and this project's machines have.
describe.skipIf(process.getuid?.() !== 0)('the machine prerequisites', { meta: req('PLAT-005') }, () => {
  const PREREQUISITES = join(REPO_ROOT, 'tools', 'prerequisites.sh');

  /**
   * The script as an unprivileged user (nobody), as on a developer's machine without root: a copy in a
   * folder that user can read (the repo's may not be), with a PATH holding only what the script runs
   * (no redis-server, no docker, no apt-get).
   */
  function asNobody(env: Record<string, string> = {}) {
    const dir = tempDir('bare-machine');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    chmodSync(dir, 0o755);
    for (const tool of ['bash', 'id']) symlinkSync(join('/usr/bin', tool), join(bin, tool));
    const script = join(dir, 'prerequisites.sh');
    copyFileSync(PREREQUISITES, script);
    chmodSync(script, 0o755);
    const setpriv = ['--reuid=65534', '--regid=65534', '--clear-groups', 'bash', script];
    return run('/usr/bin/setpriv', setpriv, '/', { PATH: bin, ...env });
  }

  test('a non-root user with no redis-server, no MariaDB and no Docker is stopped before any test, with the ways out', async () => {
    const result = await asNobody();
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'assay: the tests need Redis and this machine cannot run it: start a Docker engine, install redis-server (apt-get install redis-server), or set REDIS_URL=redis://host:port',
    );
  });

  test('URLs are a way out: nothing to install, nothing printed', async () => {
    const redisOnly = await asNobody({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(redisOnly.status).toBe(2);
    expect(redisOnly.stderr.trim()).toBe(
      'assay: the tests need MariaDB and this machine cannot run it: start a Docker engine, install mariadb-server (apt-get install mariadb-server), or set MARIADB_URL=mysql://user:password@host:3306/',
    );
    const result = await asNobody({ REDIS_URL: 'redis://127.0.0.1:6379', MARIADB_URL: 'mysql://u:p@127.0.0.1:3306/' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toBe('');
  });

  test('on this machine it finds or installs what the run needs, and says nothing the second time', async () => {
    const result = await run(PREREQUISITES, [], REPO_ROOT);
    expect(result.status, result.stderr).toBe(0);
    const again = await run(PREREQUISITES, [], REPO_ROOT);
    expect(again.stdout + again.stderr).toBe('');
  });
});
