/** The storefront: turns a shopper's cart into an order, and shows an order's receipt. */
import { type LineItem, type Order, OrdersApiError, type OrdersClient } from './orders-client.ts';

export interface Cart {
  readonly shopper: string;
  readonly items: readonly LineItem[];
}

export interface Receipt {
  readonly orderId: number;
  readonly total: string;
  readonly items: number;
}

function money(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}

/** One line about an order, for the shopper's pages: `Order 1 for ada: 2 items, €25.00`. */
export function orderLine(order: Pick<Order, 'id' | 'customer' | 'itemCount' | 'subtotalCents'>): string {
  return `Order ${order.id} for ${order.customer}: ${order.itemCount} items, ${money(order.subtotalCents)}`;
}

export class Storefront {
  readonly #orders: OrdersClient;

  constructor(orders: OrdersClient) {
    this.#orders = orders;
  }

  /** Places the cart as an order. A cart orders-api refuses comes back as a message for the shopper. */
  async checkout(cart: Cart): Promise<Receipt | { refused: string }> {
    try {
      const order = await this.#orders.createOrder({ customer: cart.shopper, lines: cart.items });
      return { orderId: order.id, total: money(order.subtotalCents), items: order.itemCount };
    } catch (error) {
      if (error instanceof OrdersApiError && error.status === 400) return { refused: error.message };
      throw error;
    }
  }

  /** One line about an order, for the shopper's order page. */
  async receipt(orderId: number): Promise<string> {
    const order = await this.#orders.getOrder(orderId);
    if (!order) return `No order ${orderId}.`;
    return orderLine(order);
  }
}
