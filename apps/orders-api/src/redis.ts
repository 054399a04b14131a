/** orders-api's one Redis connection, shared by its cache and its event stream; Redis being away never fails a request. */
import { Redis } from 'ioredis';

/**
 * Connects, and settles once the first attempt has: connected, or failed (the service then runs
 * without Redis, and ioredis keeps trying). Serving only after it means an order created first is
 * cached and published, however long a busy machine takes to connect.
 */
export async function openRedis(redisUrl: string, keyPrefix = ''): Promise<Redis> {
  const redis = new Redis(redisUrl, {
    keyPrefix,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: true,
  });
  redis.on('error', () => {}); // each command's failure is handled where it is sent
  await redis.connect().catch(() => {});
  return redis;
}
