/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { InvalidOrderError, orderTotals } from '../src/index.ts';

describe('order totals', { meta: req('ORD-001') }, () => {
  test('sums quantity × unit price in cents', () => {
    expect(
      orderTotals([
        { sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 },
        { sku: 'TEE-9', quantity: 1, unitPriceCents: 1999 },
      ]),
    ).toEqual({ subtotalCents: 4499, itemCount: 3 });
  });

  test('free items count toward the item count', () => {
    expect(orderTotals([{ sku: 'STICKER', quantity: 5, unitPriceCents: 0 }])).toEqual({
      subtotalCents: 0,
      itemCount: 5,
    });
  });
});

describe('validation names the bad line', { meta: req('ORD-002') }, () => {
  test.each([
    [[], 'an order needs at least one line item'],
    [[{ sku: 'mug', quantity: 1, unitPriceCents: 1 }], 'line 1 (mug): sku must be 3–32 of A–Z, 0–9, -'],
    [
      [{ sku: 'MUG-1', quantity: 0, unitPriceCents: 1 }],
      'line 1 (MUG-1): quantity must be a whole number from 1 to 10000',
    ],
    [
      [{ sku: 'MUG-1', quantity: 1.5, unitPriceCents: 1 }],
      'line 1 (MUG-1): quantity must be a whole number from 1 to 10000',
    ],
    [
      [{ sku: 'MUG-1', quantity: 1, unitPriceCents: -5 }],
      'line 1 (MUG-1): unit price must be a whole, non-negative number of cents',
    ],
    [
      [
        { sku: 'MUG-1', quantity: 1, unitPriceCents: 1 },
        { sku: 'MUG-1', quantity: 2, unitPriceCents: 1 },
      ],
      'line 2 (MUG-1): sku appears twice; merge the lines',
    ],
  ])('%j', (items, message) => {
    expect(() => orderTotals(items)).toThrow(new InvalidOrderError(message));
  });
});
