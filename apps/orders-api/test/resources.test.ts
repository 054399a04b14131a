/**
 * @module-tag chaos
 *
 * orders-api short of resources: run as its own process (src/main.ts) with a small open-files limit
 * or a capped heap, on the test's own database and Redis namespace, loopback only. Each child is
 * killed when its test ends, and by a 60 s timeout whatever happens.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { req } from '@assay/trace';
import { describe, expect } from 'vitest';
import { mugs, test } from './support.ts';

const MAIN = new URL('../src/main.ts', import.meta.url).pathname;

interface Child {
  readonly url: string;
  readonly pid: number;
  alive(): boolean;
  stderr(): string;
  openFiles(): number;
}

const limited = test.extend('startLimited', ({ postgres, redis }, { onCleanup }) => {
  return async (openFiles: number, nodeFlags: string[] = []): Promise<Child> => {
    // `ulimit -n` applies to what the shell then execs: node, as orders-api's own process.
    const child = spawn(
      '/bin/sh',
      ['-c', `ulimit -n ${openFiles} && exec "$0" "$@"`, process.execPath, ...nodeFlags, MAIN],
      {
        env: {
          ...process.env,
          DATABASE_URL: postgres.url,
          REDIS_URL: redis.url,
          REDIS_KEY_PREFIX: redis.prefix,
          PORT: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
        killSignal: 'SIGKILL',
      },
    );
    onCleanup(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [line] = (await Promise.race([
      once(createInterface({ input: child.stdout }), 'line'),
      once(child, 'exit').then(() => {
        throw new Error(`orders-api exited before listening: ${stderr}`);
      }),
    ])) as [string];
    return {
      url: line.replace('orders-api listening on ', ''),
      pid: child.pid as number,
      alive: () => child.exitCode === null && child.signalCode === null,
      stderr: () => stderr,
      openFiles: () => readdirSync(`/proc/${child.pid}/fd`).length,
    };
  };
});

async function post(url: string, body: string) {
  const response = await fetch(`${url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

async function idleConnections(url: string, count: number): Promise<Socket[]> {
  const { hostname, port } = new URL(url);
  return Promise.all(
    Array.from({ length: count }, async () => {
      const socket = connect({ host: hostname, port: Number(port) });
      socket.on('error', () => {}); // the server may drop it: that is what is under test
      await once(socket, 'connect');
      return socket;
    }),
  );
}

/**
 * A raw HTTP client for big uploads: it sends a POST's headers and the first `sent` bytes of the body,
 * and the rest on `finish()`. Unlike fetch, it keeps whatever the server answered even when the
 * server answers early and closes while the body is still on its way.
 */
async function upload(url: string, body: string, sent = body.length) {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  socket.on('error', () => {}); // a write after the server closed: the answer, if any, is what counts
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString();
  });
  const ended = once(socket, 'close');
  socket.write(
    `POST /orders HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body.slice(0, sent)}`,
  );
  return {
    answer: () => answer,
    /** Sends the rest of the body; resolves to the whole answer once the server closes. */
    finish: async () => {
      if (sent < body.length) socket.write(body.slice(sent));
      await ended;
      return answer;
    },
  };
}

/** The status line's code of a raw answer; 0 when there was no answer at all. */
const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);

/** Waits until `condition` holds, however long a busy machine takes (the test's timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(20);
}

describe('orders-api short of resources', { meta: req('ORD-007') }, () => {
  limited(
    'with 64 open files: over its connection budget it answers 503 overloaded, then serves again',
    async ({ startLimited }) => {
      const api = await startLimited(64);
      const before = api.openFiles();
      // 64 files less 32 for the process and 5 for the pool: 27 connections at most, 20 served.
      const idle = await idleConnections(api.url, 20);
      await until(() => api.openFiles() >= before + 20);

      const refused = await Promise.all([1, 2, 3].map(() => post(api.url, JSON.stringify(mugs))));
      for (const answer of refused) {
        expect(answer.status).toBe(503);
        expect(answer.body.error?.code).toBe('overloaded');
        expect(answer.body.error?.message).toMatch(/connections open, over the limit of 20 .*retry shortly$/);
      }

      for (const socket of idle) socket.destroy();
      await until(() => api.openFiles() <= before + 2);
      expect((await post(api.url, JSON.stringify(mugs))).status).toBe(201);
      expect(api.alive()).toBe(true);
    },
    60_000,
  );

  limited(
    'with 64 open files: a flood of idle connections is capped and never starves the database pool',
    async ({ startLimited }) => {
      const api = await startLimited(64);
      const before = api.openFiles();
      const flood = await idleConnections(api.url, 60); // far past the limit: the kernel queues them
      // The server has taken as many as it can: its open files reach the cap, and stay under 64.
      await until(() => api.openFiles() >= before + 20);
      expect(api.openFiles()).toBeLessThan(64);
      // Once the flood goes, its connections are closed and a request reaches the database.
      for (const socket of flood) socket.destroy();
      await until(() => api.openFiles() <= before + 2);
      expect((await post(api.url, JSON.stringify(mugs))).status).toBe(201);
      expect(api.alive()).toBe(true);
      expect(api.stderr()).not.toMatch(/EMFILE|Uncaught|FATAL/);
    },
    60_000,
  );

  limited(
    'with a 32 MB heap: bodies past its memory budget get 503 overloaded, never an out-of-memory crash',
    async ({ startLimited }) => {
      const api = await startLimited(1024, ['--max-old-space-size=32', '--max-semi-space-size=1']);
      // A valid order padded to 900 KB: each one being received holds 900 KB of the heap.
      const body = JSON.stringify(mugs).replace('{', `{${' '.repeat(900_000)}`);

      // Ten slow clients send their headers and a first kilobyte, and wait: past the budget (an eighth
      // of the heap limit, about 4.6 MB) they are refused before their bodies are read.
      const slow = await Promise.all(Array.from({ length: 10 }, () => upload(api.url, body, 1_000)));
      // A refusal means the admitted ones fill the budget, and they hold it until they finish: from
      // here, a new upload is refused whatever the machine's speed.
      await until(() => slow.some((u) => u.answer() !== ''));
      const meanwhile = await (await upload(api.url, body)).finish();
      expect(meanwhile).toMatch(/^HTTP\/1.1 503 [\s\S]*"code":"overloaded"/);

      // Every slow client gets its answer once it sends the rest: refused, or admitted and served.
      const answers = await Promise.all(slow.map((u) => u.finish()));
      const refused = answers.filter((answer) => statusOf(answer) === 503);
      const served = answers.filter((answer) => statusOf(answer) === 201);
      expect(refused.length + served.length, answers.join('\n')).toBe(slow.length);
      expect(refused.length).toBeGreaterThan(0);
      expect(served.length).toBeGreaterThan(0);
      for (const answer of refused)
        expect(answer).toMatch(
          /^HTTP\/1.1 503 [\s\S]*"code":"overloaded"[\s\S]*request bodies in flight would exceed 5 MB/,
        );
      // Then the budget is free again.
      expect(statusOf(await (await upload(api.url, body)).finish())).toBe(201);

      // And a burst of forty at once: every client gets an answer, a 201 or a 503 overloaded.
      const burst = await Promise.all(Array.from({ length: 40 }, async () => (await upload(api.url, body)).finish()));
      const unclear = burst.filter(
        (answer) => statusOf(answer) !== 201 && !/^HTTP\/1.1 503 [\s\S]*"overloaded"/.test(answer),
      );
      expect(unclear, api.stderr()).toEqual([]);
      expect(api.alive()).toBe(true);
      expect((await fetch(`${api.url}/health`)).status).toBe(200);
      expect(api.stderr()).not.toMatch(/heap out of memory|FATAL/);
    },
    60_000,
  );
});
