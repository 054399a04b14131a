/**
 * The HTTP API:
 *   GET  /health        200 { status: 'ok' } or 503 when the database does not answer
 *   POST /orders        201 the order with its totals (and `order.created` on the Redis stream, events.ts);
 *                       400 with the first problem
 *   GET  /orders/:id    200 the order (from the cache when there); 404
 * Every error is JSON: { error: { code, message } }. Under load it sheds work rather than crash: 503
 * `overloaded` (see admission.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Admission, type AdmissionLimits, defaultLimits, Overloaded } from './admission.ts';
import { OrderCache } from './cache.ts';
import { OrderEvents, orderCreatedMessage } from './events.ts';
import { InvalidOrderError, type LineItem } from './order.ts';
import { openRedis } from './redis.ts';
import { DATABASE_POOL_SIZE, type NewOrder, OrderStore } from './store.ts';

export interface OrdersApiOptions {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Prefix for every Redis key (a test's namespace). */
  readonly redisKeyPrefix?: string;
  readonly port?: number;
  /** A request the database has not answered by then gets 503 instead of hanging (default 5 s). */
  readonly requestTimeoutMs?: number;
  /** The store to use instead of one on databaseUrl (tests give a store with a seeded bug, say). */
  readonly store?: OrderStore;
  /** Load-shedding limits; by default derived from the open-files limit and the heap limit. */
  readonly admission?: Partial<AdmissionLimits>;
}

export interface OrdersApi {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return; // a late answer after the request already timed out
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const MAX_BODY_BYTES = 1_000_000;

async function readJson(req: IncomingMessage, admission: Admission): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? MAX_BODY_BYTES);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'too_large', 'request body over 1 MB');
  const release = admission.reserveBody(declared);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > Math.min(declared, MAX_BODY_BYTES)) throw new HttpError(413, 'too_large', 'request body over 1 MB');
      chunks.push(chunk as Buffer);
    }
  } finally {
    release();
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'request body is not valid JSON');
  }
}

function parseNewOrder(body: unknown): NewOrder {
  const input = body as { customer?: unknown; lines?: unknown } | null;
  if (typeof input?.customer !== 'string' || input.customer.trim() === '') {
    throw new HttpError(400, 'invalid_order', 'customer must be a non-empty string');
  }
  if (!Array.isArray(input.lines)) throw new HttpError(400, 'invalid_order', 'lines must be a list of line items');
  return { customer: input.customer, lines: input.lines as LineItem[] };
}

function isDatabaseDown(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' ||
    /terminat|connect/i.test(String((error as Error).message))
  );
}

export async function startOrdersApi(options: OrdersApiOptions): Promise<OrdersApi> {
  const store = options.store ?? new OrderStore(options.databaseUrl);
  const redis = await openRedis(options.redisUrl, options.redisKeyPrefix);
  const cache = new OrderCache(redis);
  const events = new OrderEvents(redis);
  const admission = new Admission({ ...defaultLimits(DATABASE_POOL_SIZE), ...options.admission });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    admission.admitRequest();
    if (req.method === 'GET' && path === '/health') {
      return (await store.ping())
        ? send(res, 200, { status: 'ok' })
        : send(res, 503, { status: 'database unavailable' });
    }
    if (req.method === 'POST' && path === '/orders') {
      const order = await store.create(parseNewOrder(await readJson(req, admission)));
      await cache.put(order);
      await events.publish(orderCreatedMessage(order));
      return send(res, 201, order);
    }
    const match = /^\/orders\/(\d+)$/.exec(path);
    if (req.method === 'GET' && match) {
      const id = Number(match[1]);
      const order = (await cache.get(id)) ?? (await store.get(id));
      if (!order) throw new HttpError(404, 'not_found', `no order ${id}`);
      await cache.put(order);
      return send(res, 200, order);
    }
    throw new HttpError(404, 'not_found', `no route ${req.method} ${path}`);
  }

  const timeoutMs = options.requestTimeoutMs ?? 5_000;
  const server = createServer((req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new HttpError(503, 'timeout', `the database did not answer within ${timeoutMs} ms; retry shortly`)),
        timeoutMs,
      );
    });
    const work = route(req, res);
    work.catch(() => {}); // its failure is answered below, or comes after the timeout's answer
    Promise.race([work, timedOut])
      .finally(() => clearTimeout(timer))
      .catch((error: unknown) => {
        if (error instanceof Overloaded)
          return send(
            res,
            503,
            { error: { code: 'overloaded', message: `${error.message}; retry shortly` } },
            { 'retry-after': '1', ...(error.closeConnection ? { connection: 'close' } : {}) },
          );
        if (error instanceof HttpError)
          return send(res, error.status, { error: { code: error.code, message: error.message } });
        if (error instanceof InvalidOrderError)
          return send(res, 400, { error: { code: 'invalid_order', message: error.message } });
        if (isDatabaseDown(error))
          return send(res, 503, {
            error: { code: 'database_unavailable', message: 'the database is not answering; retry shortly' },
          });
        send(res, 500, { error: { code: 'internal', message: 'internal error' } });
      });
  });
  admission.watch(server);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      redis.disconnect();
      await store.close();
    },
  };
}
