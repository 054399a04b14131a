/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { afterEach, expect, test, vi } from 'vitest';
import { HangWatch } from '../src/index.ts';

afterEach(() => {
  vi.useRealTimers();
});

// Fake timers: the watch's checks happen when the test moves the clock, whatever the machine's load.
test('names a file once it has run past the limit, once, and lists the unfinished', {
  meta: req('GRD-006'),
}, () => {
  vi.useFakeTimers();
  const lines: string[] = [];
  const watch = new HangWatch(1000, (line) => lines.push(line));
  watch.started('test/slow.test.ts');
  watch.started('test/quick.test.ts');
  watch.ended('test/quick.test.ts');
  vi.advanceTimersByTime(999);
  expect(lines).toEqual([]);
  vi.advanceTimersByTime(1001);
  expect(lines).toEqual(['test/slow.test.ts is still running after 1s: its worker looks hung']);
  vi.advanceTimersByTime(5000);
  expect(lines).toHaveLength(1);
  expect(watch.stop()).toEqual(['test/slow.test.ts']);
});
