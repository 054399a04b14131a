/** Orders and their totals. Money is in integer cents so totals never drift. */

export interface LineItem {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export interface OrderTotals {
  readonly subtotalCents: number;
  readonly itemCount: number;
}

export class InvalidOrderError extends Error {
  override name = 'InvalidOrderError';
}

/** Throws an InvalidOrderError naming the first bad line item. */
export function validateLineItems(items: readonly LineItem[]): void {
  if (items.length === 0) throw new InvalidOrderError('an order needs at least one line item');
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const where = `line ${index + 1} (${item.sku || 'no sku'})`;
    if (!/^[A-Z0-9-]{3,32}$/.test(item.sku)) throw new InvalidOrderError(`${where}: sku must be 3–32 of A–Z, 0–9, -`);
    if (seen.has(item.sku)) throw new InvalidOrderError(`${where}: sku appears twice; merge the lines`);
    seen.add(item.sku);
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > 10_000) {
      throw new InvalidOrderError(`${where}: quantity must be a whole number from 1 to 10000`);
    }
    if (!Number.isInteger(item.unitPriceCents) || item.unitPriceCents < 0) {
      throw new InvalidOrderError(`${where}: unit price must be a whole, non-negative number of cents`);
    }
  });
}

export function orderTotals(items: readonly LineItem[]): OrderTotals {
  validateLineItems(items);
  return {
    subtotalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
  };
}
