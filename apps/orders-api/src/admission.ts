/**
 * Load shedding: orders-api answers 503 `overloaded` while it still can, instead of running out of
 * file descriptors or heap and crashing. Three limits, each derived from what the process was given:
 *
 * - connections: the open-files limit less what the process itself and its database and Redis
 *   connections need. Over the soft limit a request is answered 503 and its connection closed; at
 *   the hard limit Node drops new connections, so the database pool always finds descriptors.
 * - request bodies being buffered at once: an eighth of the heap limit.
 * - heap in use: over 80% of the limit, a new request is refused until garbage collection catches up.
 */
import { readFileSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import { getHeapStatistics } from 'node:v8';

export interface AdmissionLimits {
  /** Open connections over which requests are answered 503 (with `connection: close`). */
  readonly softConnections: number;
  /** Open connections over which new ones are dropped (Node's `server.maxConnections`). */
  readonly hardConnections: number;
  readonly maxBodyBytesInFlight: number;
  /** Share of the heap limit in use above which new requests are refused. */
  readonly maxHeapRatio: number;
}

/** What Node, its stdio, the listener and the Redis client hold, plus a margin; the pool's connections come on top. */
const BASE_DESCRIPTORS = 32;

/** The soft open-files limit (ulimit -n), from /proc on Linux; undefined where that is not readable. */
export function openFilesLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line?.[1] && line[1] !== 'unlimited' ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function defaultLimits(databaseConnections: number): AdmissionLimits {
  const files = openFilesLimit() ?? 65_536;
  const hardConnections = Math.max(1, files - BASE_DESCRIPTORS - databaseConnections);
  return {
    hardConnections,
    softConnections: Math.max(1, Math.floor(hardConnections * 0.75)),
    maxBodyBytesInFlight: Math.floor(getHeapStatistics().heap_size_limit / 8),
    maxHeapRatio: 0.8,
  };
}

export class Overloaded extends Error {
  override name = 'Overloaded';
  /** Whether to close the connection after answering: it is the connection that is over the limit. */
  readonly closeConnection: boolean;
  constructor(message: string, closeConnection = false) {
    super(message);
    this.closeConnection = closeConnection;
  }
}

export class Admission {
  readonly limits: AdmissionLimits;
  #connections = 0;
  #bodyBytes = 0;

  constructor(limits: AdmissionLimits) {
    this.limits = limits;
  }

  /** Counts the server's open connections and caps them at the hard limit. */
  watch(server: Server): void {
    server.maxConnections = this.limits.hardConnections;
    server.on('connection', (socket: Socket) => {
      this.#connections += 1;
      socket.once('close', () => {
        this.#connections -= 1;
      });
    });
  }

  /** Throws Overloaded when a new request should not start. */
  admitRequest(): void {
    if (this.#connections > this.limits.softConnections) {
      throw new Overloaded(
        `${this.#connections} connections open, over the limit of ${this.limits.softConnections} this process's open-files limit allows`,
        true,
      );
    }
    const heap = getHeapStatistics();
    const ratio = heap.used_heap_size / heap.heap_size_limit;
    if (ratio > this.limits.maxHeapRatio) {
      throw new Overloaded(`memory pressure: ${Math.round(ratio * 100)}% of the heap limit in use`);
    }
  }

  /** Reserves room for `bytes` more of request body; the returned function gives it back. */
  reserveBody(bytes: number): () => void {
    if (this.#bodyBytes + bytes > this.limits.maxBodyBytesInFlight) {
      throw new Overloaded(
        `request bodies in flight would exceed ${Math.round(this.limits.maxBodyBytesInFlight / 1e6)} MB, an eighth of the heap limit`,
      );
    }
    this.#bodyBytes += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#bodyBytes -= bytes;
    };
  }
}
