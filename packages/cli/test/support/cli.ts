/** Runs the real `assay` command in a folder, as a user would, with CI's settings (progress on stderr). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

const BIN = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));

export function assay(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ASSAY_HISTORY_URL: '', CI: 'true', NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder removed when the test ends. */
export function folder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `assay-cli-${prefix}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
