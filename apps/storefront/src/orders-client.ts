/** A typed client of orders-api: what the storefront relies on, and what its contract pins down. */

export interface LineItem {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export interface NewOrder {
  readonly customer: string;
  readonly lines: readonly LineItem[];
}

export interface Order extends NewOrder {
  readonly id: number;
  readonly subtotalCents: number;
  readonly itemCount: number;
  readonly createdAt: string;
}

/** An answer orders-api gave instead of the one asked for: its status and its error body. */
export class OrdersApiError extends Error {
  override name = 'OrdersApiError';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(`orders-api answered ${status} ${code}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

async function failure(response: Response): Promise<OrdersApiError> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  return new OrdersApiError(response.status, body.error?.code ?? 'unknown', body.error?.message ?? response.statusText);
}

export class OrdersClient {
  readonly #baseUrl: string;

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl.replace(/\/$/, '');
  }

  async createOrder(order: NewOrder): Promise<Order> {
    const response = await fetch(`${this.#baseUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(order),
    });
    if (response.status !== 201) throw await failure(response);
    return (await response.json()) as Order;
  }

  /** The order, or undefined when orders-api has none with that id. */
  async getOrder(id: number): Promise<Order | undefined> {
    const response = await fetch(`${this.#baseUrl}/orders/${id}`, { headers: { accept: 'application/json' } });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw await failure(response);
    return (await response.json()) as Order;
  }
}
