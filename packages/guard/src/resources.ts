/**
 * Tracking what a test file opens and leaves open: intervals and pending timers, listening servers,
 * client sockets, child processes — each with the stack that created it. A few prototype and global
 * wrappers record creations (a stack costs microseconds, and only these calls pay it); Node's
 * async_hooks would see everything but slow every promise, which Vitest documents for its
 * detectAsyncLeaks.
 */
import { ChildProcess } from 'node:child_process';
import { Server, Socket } from 'node:net';

export type ResourceKind = 'interval' | 'timer' | 'server' | 'socket' | 'child-process';

export interface OpenResource {
  readonly kind: ResourceKind;
  readonly detail: string;
  /** The creating frames outside node_modules and Node itself, innermost first. */
  readonly stack: readonly string[];
}

interface Tracked {
  readonly kind: ResourceKind;
  readonly stack: readonly string[];
  stillOpen(): boolean;
  describe(): string;
}

const INSTALLED = Symbol.for('assay.guard.resources');

/**
 * Folders whose code owns resources that outlive a test file on purpose — the worker-scoped fixtures
 * of @assay/fixtures, torn down after the file's last hook. A package adds its folder to this set,
 * found through a global symbol so that it need not depend on the guards.
 */
const EXEMPT = Symbol.for('assay.guard.exempt');
const registry = globalThis as Record<symbol, Set<string> | undefined>;
registry[EXEMPT] ??= new Set();
const exempt = registry[EXEMPT];
const tracked = new Set<Tracked>();
const SELF = new URL(import.meta.url).pathname;

function userFrames(): string[] {
  return (new Error().stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().replace(/^at /, ''))
    .filter((line) => !line.includes('node_modules') && !line.includes('node:') && !line.includes(SELF))
    .slice(0, 3);
}

function track(entry: Tracked): void {
  const owner = entry.stack[0];
  if (owner && [...exempt].some((dir) => owner.includes(dir))) return;
  tracked.add(entry);
}

type TimerFunction = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => NodeJS.Timeout;

/** A pending timeout that fires within this long is a cleanup on its way, not a leak (ioredis's disconnect sets one). */
export const TIMER_GRACE_MS = 5_000;

/**
 * Wraps setInterval or setTimeout. An interval is open while it is referenced and not cleared; a
 * timeout while it is referenced, not fired or cleared, and due later than TIMER_GRACE_MS from now.
 */
function trackTimer<T>(real: T, kind: ResourceKind, describe: (ms: number) => string): T {
  const start = real as unknown as TimerFunction;
  return ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = start(handler, ms, ...args);
    const due = Date.now() + (ms ?? 0);
    track({
      kind,
      stack: userFrames(),
      stillOpen: () =>
        timer.hasRef() &&
        !(timer as unknown as { _destroyed: boolean })._destroyed &&
        (kind === 'interval' || due - Date.now() > TIMER_GRACE_MS),
      describe: () => describe(ms ?? 0),
    });
    return timer;
  }) as T;
}

/** Installs the wrappers once per worker process. */
export function installResourceTracking(): void {
  const scope = globalThis as Record<symbol, unknown>;
  if (scope[INSTALLED]) return;
  scope[INSTALLED] = true;

  globalThis.setInterval = trackTimer(globalThis.setInterval, 'interval', (ms) => `setInterval every ${ms} ms`);
  globalThis.setTimeout = trackTimer(globalThis.setTimeout, 'timer', (ms) => `setTimeout of ${ms} ms, not yet fired`);

  const listen = Server.prototype.listen;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    const stack = userFrames();
    track({
      kind: 'server',
      stack,
      stillOpen: () => this.listening,
      describe: () => {
        const address = this.address();
        return `server listening on ${typeof address === 'object' && address ? `${address.address}:${address.port}` : address}`;
      },
    });
    return listen.apply(this, args as Parameters<typeof listen>);
  } as typeof listen;

  const connect = Socket.prototype.connect;
  Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
    track({
      kind: 'socket',
      stack: userFrames(),
      // A socket whose side is ended is closing (the peer's FIN may still be on its way).
      stillOpen: () => !this.destroyed && !this.writableEnded,
      describe: () => `socket to ${this.remoteAddress ?? '?'}:${this.remotePort ?? '?'}`,
    });
    return connect.apply(this, args as Parameters<typeof connect>);
  } as typeof connect;

  // spawn() on the prototype is Node's internal step every child_process function goes through.
  const proto = ChildProcess.prototype as unknown as { spawn: (this: ChildProcess, ...args: unknown[]) => unknown };
  const spawn = proto.spawn;
  proto.spawn = function (this: ChildProcess, ...args: unknown[]) {
    const result = spawn.apply(this, args);
    track({
      kind: 'child-process',
      stack: userFrames(),
      // An unref'd child (a detached daemon, such as a service keeper) does not hold the worker.
      stillOpen: () =>
        this.exitCode === null &&
        this.signalCode === null &&
        this.pid !== undefined &&
        (this as unknown as { _handle?: { hasRef?: () => boolean } })._handle?.hasRef?.() !== false,
      describe: () => `child process ${this.pid} (${this.spawnfile})`,
    });
    return result;
  };
}

/** Forgets everything recorded so far: called when a test file starts. */
export function resetTracking(): void {
  tracked.clear();
}

/** What is still open of what was recorded since the last reset. Only resources a test's own code created count. */
export function openResources(): OpenResource[] {
  return [...tracked]
    .filter((t) => t.stack.length > 0 && t.stillOpen())
    .map((t) => ({ kind: t.kind, detail: t.describe(), stack: t.stack }));
}
