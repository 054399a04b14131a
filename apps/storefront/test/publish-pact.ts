/**
 * How a consumer test file publishes its pact: Pact writes it in this workspace's .vitest/pacts/
 * (started afresh, since Pact merges into an existing file and the contract is exactly what the
 * file's tests say); once every test of the file passed, it replaces the one in the repository's
 * pacts/ folder — whole, in one rename — so its readers (the provider's tests, assay contract
 * verify) never see half a pact. A failing run leaves the published pact as it was.
 */
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunnerTestSuite } from 'vitest';
import { afterAll, beforeAll } from 'vitest';

/** Where Pact writes: give it to PactV4 as `dir`. */
export const DRAFTS = fileURLToPath(new URL('../.vitest/pacts', import.meta.url));
const PACTS = fileURLToPath(new URL('../../../pacts', import.meta.url));

const passed = (suite: Readonly<RunnerTestSuite>): boolean =>
  suite.tasks.every((task) => (task.type === 'suite' ? passed(task) : task.result?.state === 'pass'));

/** Call at the top of a test file, with the file name Pact gives its pact (`<consumer>-<provider>.json`). */
export function publishWhenPassed(file: string): void {
  beforeAll(() => {
    rmSync(join(DRAFTS, file), { force: true });
  });

  // biome-ignore lint/correctness/noEmptyPattern: Vitest requires a destructured context; the file is the 2nd argument
  afterAll(({}, suite) => {
    if (!passed(suite)) return;
    copyFileSync(join(DRAFTS, file), join(PACTS, `${file}.tmp`));
    renameSync(join(PACTS, `${file}.tmp`), join(PACTS, file));
  });
}
