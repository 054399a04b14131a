/**
 * @module-tag e2e
 */

import { dirname, join } from 'node:path';
import { req } from '@assay/trace';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { assay, REPO_ROOT, run, sampleWorkspace } from './support/repo.ts';

const DATABASE_TEST = `import { test } from '@assay/fixtures';
import { expect } from 'vitest';

test('writes a row, then fails when told to', { tags: ['integration'] }, async ({ postgres }) => {
  await postgres.query('CREATE TABLE evidence (note text)');
  await postgres.query("INSERT INTO evidence VALUES ('look here')");
  expect(process.env.ASSAY_SAMPLE_BREAK).toBeUndefined();
});
`;

describe('a failed test’s database', { meta: req('FIX-003') }, () => {
  test('is kept, and its connection string printed, for a look after the run', async () => {
    const dir = sampleWorkspace({ 'test/database.test.ts': DATABASE_TEST });
    const images = {
      ASSAY_POSTGRES_IMAGE: process.env.ASSAY_POSTGRES_IMAGE ?? 'assay-postgres:15',
      ASSAY_REDIS_IMAGE: process.env.ASSAY_REDIS_IMAGE ?? 'assay-redis:7',
    };
    const result = await assay(['test', '--tier', 'pr', '--category', 'integration'], dir, {
      ...images,
      ASSAY_SAMPLE_BREAK: '1',
    });
    expect(result.status).toBe(1);
    const url =
      /assay: kept the database of failed test "test\/database\.test\.ts > writes a row, then fails when told to": (\S+)/.exec(
        result.stderr + result.stdout,
      )?.[1];
    expect(url, result.stderr).toMatch(/\/assay_failed_writes_a_row_then_fails_when_tol_[0-9a-f]{6}$/);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query('SELECT note FROM evidence')).rows).toEqual([{ note: 'look here' }]);
    await client.end();
    const admin = new pg.Client({ connectionString: url?.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect().catch(() => {}); // the run's service may already have stopped
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(url as string).pathname.slice(1)}`).catch(() => {});
    await admin.end().catch(() => {});
  });
});

describe('assay doctor', { meta: req('FIX-001') }, () => {
  test('says which provider each service will use, as JSON', async () => {
    const result = await assay(['doctor', '--json'], sampleWorkspace(), { REDIS_URL: 'redis://127.0.0.1:6390' });
    expect(result.status, result.stderr).toBe(0);
    const diagnosis = JSON.parse(result.stdout) as {
      schemaVersion: number;
      services: { kind: string; choice?: { provider: string } }[];
    };
    expect(diagnosis.schemaVersion).toBe(1);
    expect(diagnosis.services.find((s) => s.kind === 'redis')?.choice?.provider).toBe('external');
  });

  test('exits 1 and says what to do when a service has no provider', async () => {
    // Only Node on PATH: no redis-server, and no Docker engine at DOCKER_HOST.
    const cli = join(REPO_ROOT, 'packages/cli/src/bin.ts');
    const result = await run(process.execPath, [cli, 'doctor'], sampleWorkspace(), {
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
      PATH: dirname(process.execPath),
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('redis: no provider — ');
  });

  test('exits 2 on a service in assay.config.ts that the fixtures do not know', async () => {
    const dir = sampleWorkspace({
      'assay.config.ts': "export default { services: { mysql: { image: 'mysql:8' } } };\n",
    });
    const result = await assay(['doctor'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      `assay: ${join(dir, 'assay.config.ts')}: unknown service 'services.mysql': expected one of postgres, redis, mariadb`,
    );
  });
});
