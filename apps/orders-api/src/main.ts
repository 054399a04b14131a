/** Runs orders-api: DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX (optional), PORT (default 3000; 0 picks a free one). */
import { startOrdersApi } from './server.ts';

const { DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX, PORT } = process.env;
if (!DATABASE_URL || !REDIS_URL) {
  console.error('orders-api: set DATABASE_URL and REDIS_URL');
  process.exit(2);
}
const api = await startOrdersApi({
  databaseUrl: DATABASE_URL,
  redisUrl: REDIS_URL,
  ...(REDIS_KEY_PREFIX ? { redisKeyPrefix: REDIS_KEY_PREFIX } : {}),
  port: Number(PORT ?? 3000),
});
console.log(`orders-api listening on ${api.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void api.close());
