/** A throwaway workspace with one property test, run by Vitest in a child process, as a user's run would be. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

const PACKAGE = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `assay-property-${prefix}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A workspace whose test checks `claim` about integers 0–1000: `n < 700` fails, `n >= 0` holds. */
export function propertyWorkspace(): string {
  const dir = tempDir('workspace');
  mkdirSync(join(dir, 'test'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "@sample/properties", "type": "module" }');
  symlinkSync(join(PACKAGE, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'test', 'bounds.test.ts'),
    `import fc from 'fast-check';
import { property } from '${join(PACKAGE, 'src', 'index.ts')}';
const limit = Number(process.env.SAMPLE_LIMIT ?? 1001);
property('integers stay under the limit', [fc.integer({ min: 0, max: 1000 })], (n) => n < limit);
`,
  );
  return dir;
}

export function runWorkspace(dir: string, env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    [join(PACKAGE, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter', 'json'],
    {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ASSAY_TIER: '', ASSAY_PROPERTY_PROFILE: '', NO_COLOR: '1', ...env },
    },
  );
  // Vitest 5's JSON reporter writes .vitest/json/output.json.
  const report = JSON.parse(readFileSync(join(dir, '.vitest', 'json', 'output.json'), 'utf8')) as {
    testResults: { assertionResults: { status: string; failureMessages: string[]; meta: Record<string, unknown> }[] }[];
  };
  const test = report.testResults[0]?.assertionResults[0];
  return { status: result.status, test, message: test?.failureMessages.join('\n') ?? '', stderr: result.stderr };
}
