/**
 * orders-api's events: `order.created` on the Redis stream `order-events`, one entry per order
 * created. The message is built in one place, `orderCreatedMessage`: the service publishes what it
 * makes, and the contract tests verify what it makes against the storefront's message pact.
 */
import type { Redis } from 'ioredis';
import type { LineItem } from './order.ts';
import type { Order } from './store.ts';

/** The stream's key (under the service's Redis key prefix). */
export const ORDER_EVENTS_STREAM = 'order-events';

/** Entries the stream keeps, about: readers are expected to keep up, Redis's memory to stay bounded. */
const STREAM_LENGTH = 100_000;

export interface OrderCreated {
  readonly orderId: number;
  readonly customer: string;
  readonly lines: readonly LineItem[];
  readonly subtotalCents: number;
  readonly itemCount: number;
  readonly createdAt: string;
}

/** A message: its contents, and metadata that says what they are without parsing them. */
export interface OrderCreatedMessage {
  readonly contents: OrderCreated;
  readonly metadata: { readonly contentType: 'application/json'; readonly eventType: 'order.created' };
}

export function orderCreatedMessage(order: Order): OrderCreatedMessage {
  const { id, customer, lines, subtotalCents, itemCount, createdAt } = order;
  return {
    contents: { orderId: id, customer, lines, subtotalCents, itemCount, createdAt },
    metadata: { contentType: 'application/json', eventType: 'order.created' },
  };
}

/** A stream entry's fields: each metadata entry as it is, then the contents as JSON under `body`. */
export function streamFields(message: OrderCreatedMessage): string[] {
  return [...Object.entries(message.metadata).flat(), 'body', JSON.stringify(message.contents)];
}

export class OrderEvents {
  private readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  /**
   * Appends the message to the stream, after its order is committed. At most once: while Redis is
   * away the order is still created, without its event (the request must not fail for an order
   * that exists; a transactional outbox would be the way to at least once).
   */
  async publish(message: OrderCreatedMessage): Promise<void> {
    await this.redis
      .xadd(ORDER_EVENTS_STREAM, 'MAXLEN', '~', STREAM_LENGTH, '*', ...streamFields(message))
      .catch(() => {});
  }
}
