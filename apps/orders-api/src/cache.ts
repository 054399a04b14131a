/** A read-through cache of orders in Redis; the service keeps answering from PostgreSQL when Redis is away. */
import { Redis } from 'ioredis';
import type { Order } from './store.ts';

const TTL_SECONDS = 300;

export class OrderCache {
  private readonly redis: Redis;

  constructor(redisUrl: string, keyPrefix = '') {
    this.redis = new Redis(redisUrl, {
      keyPrefix,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    this.redis.on('error', () => {}); // a cache that is down is a miss, not a failure
  }

  /**
   * Connects, and settles once the first attempt has: connected, or failed (the service then runs
   * without its cache, and ioredis keeps trying). Serving only after it means an order created
   * first is cached, however long a busy machine takes to connect.
   */
  async open(): Promise<void> {
    await this.redis.connect().catch(() => {});
  }

  async get(id: number): Promise<Order | undefined> {
    const text = await this.redis.get(`order:${id}`).catch(() => null);
    return text ? (JSON.parse(text) as Order) : undefined;
  }

  async put(order: Order): Promise<void> {
    await this.redis.set(`order:${order.id}`, JSON.stringify(order), 'EX', TTL_SECONDS).catch(() => {});
  }

  close(): void {
    this.redis.disconnect();
  }
}
