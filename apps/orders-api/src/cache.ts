/** A read-through cache of orders in Redis; the service keeps answering from PostgreSQL when Redis is away. */
import type { Redis } from 'ioredis';
import type { Order } from './store.ts';

const TTL_SECONDS = 300;

export class OrderCache {
  private readonly redis: Redis;

  constructor(redis: Redis) {
    this.redis = redis;
  }

  /** A cache that is down is a miss, not a failure. */
  async get(id: number): Promise<Order | undefined> {
    const text = await this.redis.get(`order:${id}`).catch(() => null);
    return text ? (JSON.parse(text) as Order) : undefined;
  }

  async put(order: Order): Promise<void> {
    await this.redis.set(`order:${order.id}`, JSON.stringify(order), 'EX', TTL_SECONDS).catch(() => {});
  }
}
