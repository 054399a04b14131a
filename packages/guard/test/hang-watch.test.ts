/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { expect, test } from 'vitest';
import { HangWatch } from '../src/index.ts';

test('names a file once it has run past the limit, once, and lists the unfinished', {
  meta: req('GRD-006'),
}, async () => {
  let now = 0;
  const lines: string[] = [];
  const watch = new HangWatch(
    1000,
    (line) => lines.push(line),
    () => now,
  );
  watch.started('test/slow.test.ts', 0);
  watch.started('test/quick.test.ts', 0);
  watch.ended('test/quick.test.ts');
  now = 2000;
  await expect.poll(() => lines).toEqual(['test/slow.test.ts is still running after 2s: its worker looks hung']);
  now = 5000;
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(lines).toHaveLength(1);
  expect(watch.stop()).toEqual(['test/slow.test.ts']);
});
