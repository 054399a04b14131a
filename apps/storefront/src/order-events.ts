/**
 * The storefront's side of orders-api's `order.created` events: each one, checked, updates the
 * storefront's list of recent orders. How a message arrives (orders-api's Redis stream) is not this
 * module's concern: it takes a message, contents and metadata, as any transport delivers it.
 */
import { orderLine } from './storefront.ts';

/** What the storefront needs of an `order.created` event (orders-api may send more). */
export interface OrderCreated {
  readonly orderId: number;
  readonly customer: string;
  readonly subtotalCents: number;
  readonly itemCount: number;
  readonly createdAt: string;
}

export interface OrderMessage {
  readonly contents: unknown;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** An event the storefront cannot use; its message names the field. */
export class InvalidOrderEvent extends Error {
  override name = 'InvalidOrderEvent';
}

/** The event, or an InvalidOrderEvent naming the first field that is not what the storefront needs. */
export function parseOrderCreated(contents: unknown): OrderCreated {
  if (typeof contents !== 'object' || contents === null || Array.isArray(contents)) {
    throw new InvalidOrderEvent('order.created: the contents must be an object');
  }
  const event = contents as Record<string, unknown>;
  for (const field of ['orderId', 'subtotalCents', 'itemCount'] as const) {
    if (!Number.isInteger(event[field])) throw new InvalidOrderEvent(`order.created: ${field} must be an integer`);
  }
  if (typeof event.customer !== 'string' || event.customer === '') {
    throw new InvalidOrderEvent('order.created: customer must be a non-empty string');
  }
  if (typeof event.createdAt !== 'string' || Number.isNaN(Date.parse(event.createdAt))) {
    throw new InvalidOrderEvent('order.created: createdAt must be a timestamp');
  }
  return event as unknown as OrderCreated;
}

/** The storefront's recent orders, newest first, kept up to date by `order.created` events. */
export class RecentOrders {
  readonly #orders = new Map<number, OrderCreated>();

  /**
   * Applies a message: an `order.created` event adds its order (a redelivered one replaces itself);
   * other event types on the stream are not for this view and are left alone.
   */
  handle(message: OrderMessage): void {
    if (message.metadata?.eventType !== 'order.created') return;
    const event = parseOrderCreated(message.contents);
    this.#orders.set(event.orderId, event);
  }

  /** One line per order, for the shop's "recent orders" panel. */
  lines(): string[] {
    return [...this.#orders.values()]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.orderId - a.orderId)
      .map((event) => orderLine({ ...event, id: event.orderId }));
  }
}
