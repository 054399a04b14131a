/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import {
  checkSoakDuration,
  confirmCategory,
  formatDuration,
  GateInputError,
  GateRefusal,
  isCI,
  parseDuration,
} from '../src/index.ts';

describe('durations', { meta: req('GRD-003') }, () => {
  test.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['24h', 86_400_000],
    ['1.5h', 5_400_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test('a duration without a unit is a usage error (exit 2)', () => {
    expect(() => parseDuration('90', '--soak')).toThrow(
      new GateInputError("invalid --soak '90': expected a number and a unit, like 30s, 15m, 1h or 24h"),
    );
    expect(new GateInputError('x').exitCode).toBe(2);
  });

  test('formats back to the largest whole unit', () => {
    expect(formatDuration(86_400_000)).toBe('24h');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(1_500)).toBe('1500ms');
  });
});

describe('the soak gate', { meta: req('GRD-002') }, () => {
  test('up to 1 h runs anywhere', () => {
    expect(() => checkSoakDuration(3_600_000, {})).not.toThrow();
  });

  test('longer is refused outside CI, with exit code 1', () => {
    expect(() => checkSoakDuration(86_400_000, {})).toThrow(
      new GateRefusal('refused: a 24h soak runs only in CI (CI=true); locally soak runs are limited to 1h'),
    );
    expect(() => checkSoakDuration(86_400_000, { CI: 'false' })).toThrow(GateRefusal);
  });

  test('and allowed in CI', () => {
    expect(() => checkSoakDuration(86_400_000, { CI: 'true' })).not.toThrow();
    expect(isCI({ CI: '1' })).toBe(true);
    expect(isCI({ CI: '' })).toBe(false);
  });
});

describe('confirmation', { meta: req('GRD-001') }, () => {
  test('the category variable confirms without a prompt', async () => {
    await expect(
      confirmCategory({ category: 'destructive', count: 2, env: { ASSAY_CONFIRM_DESTRUCTIVE: 'yes' } }),
    ).resolves.toBeUndefined();
  });

  test('nothing to confirm when no test of the category is selected', async () => {
    await expect(confirmCategory({ category: 'destructive', count: 0, env: {} })).resolves.toBeUndefined();
  });

  test('without a terminal it refuses and says how to confirm', async () => {
    await expect(confirmCategory({ category: 'destructive', count: 2, env: {} })).rejects.toThrow(
      'refused to run 2 destructive tests without confirmation: set ASSAY_CONFIRM_DESTRUCTIVE=yes, or run on a terminal and answer y',
    );
  });

  test('on a terminal it asks, defaulting to No', async () => {
    const questions: string[] = [];
    const answer = (yes: boolean) => async (question: string) => {
      questions.push(question);
      return yes;
    };
    await expect(confirmCategory({ category: 'chaos', env: {}, ask: answer(true) })).resolves.toBeUndefined();
    await expect(confirmCategory({ category: 'chaos', env: {}, ask: answer(false) })).rejects.toThrow(
      'refused to run the chaos tests: not confirmed (answer y, or set ASSAY_CONFIRM_CHAOS=yes)',
    );
    expect(questions).toEqual(['Run the chaos tests? [y/N] ', 'Run the chaos tests? [y/N] ']);
  });

  test('anything but exactly "yes" in the variable is not a confirmation', async () => {
    await expect(
      confirmCategory({ category: 'destructive', count: 1, env: { ASSAY_CONFIRM_DESTRUCTIVE: 'true' } }),
    ).rejects.toBeInstanceOf(GateRefusal);
  });
});
