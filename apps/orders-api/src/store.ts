/** Orders in PostgreSQL: an order and its lines are written in one transaction, or not at all. */
import pg from 'pg';
import { type LineItem, orderTotals } from './order.ts';

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

/** Connections the store's pool opens at most (they count against the process's open-files budget). */
export const DATABASE_POOL_SIZE = 5;

export class OrderStore {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: DATABASE_POOL_SIZE });
    this.pool.on('error', () => {}); // an idle connection lost with the database is replaced on the next query
    // A connection lost mid-transaction also rejects the running query, handled in create(); one
    // listener per connection, not one per checkout.
    this.pool.on('connect', (client) => client.on('error', () => {}));
  }

  async create(order: NewOrder): Promise<Order> {
    const totals = orderTotals(order.lines);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string; created_at: Date }>(
        'INSERT INTO orders (customer, subtotal_cents, item_count) VALUES ($1, $2, $3) RETURNING id, created_at',
        [order.customer, totals.subtotalCents, totals.itemCount],
      );
      const row = rows[0] as { id: string; created_at: Date };
      for (const [index, line] of order.lines.entries()) {
        await client.query(
          'INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents) VALUES ($1, $2, $3, $4, $5)',
          [row.id, index + 1, line.sku, line.quantity, line.unitPriceCents],
        );
      }
      await client.query('COMMIT');
      return { ...order, id: Number(row.id), ...totals, createdAt: row.created_at.toISOString() };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async get(id: number): Promise<Order | undefined> {
    const { rows } = await this.pool.query<{
      id: string;
      customer: string;
      subtotal_cents: string;
      item_count: number;
      created_at: Date;
    }>('SELECT id, customer, subtotal_cents, item_count, created_at FROM orders WHERE id = $1', [id]);
    const row = rows[0];
    if (!row) return undefined;
    const lines = await this.pool.query<{ sku: string; quantity: number; unit_price_cents: string }>(
      'SELECT sku, quantity, unit_price_cents FROM order_lines WHERE order_id = $1 ORDER BY line_no',
      [id],
    );
    return {
      id: Number(row.id),
      customer: row.customer,
      lines: lines.rows.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceCents: Number(l.unit_price_cents) })),
      subtotalCents: Number(row.subtotal_cents),
      itemCount: row.item_count,
      createdAt: row.created_at.toISOString(),
    };
  }

  /** Whether the database answers, for /health. */
  async ping(): Promise<boolean> {
    return this.pool.query('SELECT 1').then(
      () => true,
      () => false,
    );
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
