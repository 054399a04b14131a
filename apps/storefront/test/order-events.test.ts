/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { InvalidOrderEvent, RecentOrders } from '../src/index.ts';

const created = (orderId: number, createdAt: string) => ({
  contents: { orderId, customer: 'ada', subtotalCents: 2500, itemCount: 2, createdAt, lines: [] },
  metadata: { contentType: 'application/json', eventType: 'order.created' },
});

describe('recent orders from order.created events', { meta: req('SHOP-003') }, () => {
  test('newest first; a redelivered event replaces its order; other event types are left alone', () => {
    const recent = new RecentOrders();
    recent.handle(created(1, '2026-11-22T10:00:00.000Z'));
    recent.handle(created(2, '2026-11-22T11:00:00.000Z'));
    recent.handle(created(1, '2026-11-22T10:00:00.000Z'));
    recent.handle({ contents: { orderId: 3 }, metadata: { eventType: 'order.shipped' } });
    expect(recent.lines()).toEqual(['Order 2 for ada: 2 items, €25.00', 'Order 1 for ada: 2 items, €25.00']);
  });

  test.for([
    ['an array', [], 'order.created: the contents must be an object'],
    [
      'orderId as a string',
      { ...created(1, '2026-11-22T10:00:00.000Z').contents, orderId: '1' },
      'order.created: orderId must be an integer',
    ],
    [
      'no customer',
      { ...created(1, '2026-11-22T10:00:00.000Z').contents, customer: '' },
      'order.created: customer must be a non-empty string',
    ],
    ['a createdAt that is no time', { ...created(1, 'soon').contents }, 'order.created: createdAt must be a timestamp'],
  ] as const)('an event with %s is refused, naming the field', ([, contents, message]) => {
    const recent = new RecentOrders();
    expect(() => recent.handle({ contents, metadata: { eventType: 'order.created' } })).toThrow(
      new InvalidOrderEvent(message),
    );
    expect(recent.lines()).toEqual([]);
  });
});
