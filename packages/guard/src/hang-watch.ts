/**
 * Naming hanging test files: a file still running after `hangAfterMs` is named once, with how long
 * it has run — a synchronous loop or a stuck native call can hold a worker where no test timeout
 * reaches. Runs in the main process, fed by a reporter's file start and end events.
 */
import { formatDuration } from './gates.ts';

export class HangWatch {
  private readonly running = new Map<string, number>();
  private readonly named = new Set<string>();
  private readonly timer: NodeJS.Timeout;

  constructor(hangAfterMs: number, report: (line: string) => void) {
    this.timer = setInterval(
      () => {
        for (const [file, started] of this.running) {
          if (!this.named.has(file) && Date.now() - started >= hangAfterMs) {
            this.named.add(file);
            report(
              `${file} is still running after ${formatDuration(Math.round((Date.now() - started) / 1000) * 1000)}: its worker looks hung`,
            );
          }
        }
      },
      Math.min(1000, Math.max(50, hangAfterMs / 4)),
    );
    this.timer.unref();
  }

  started(file: string): void {
    this.running.set(file, Date.now());
  }

  ended(file: string): void {
    this.running.delete(file);
  }

  /** Files that never ended (an interrupted run), and stops watching. */
  stop(): string[] {
    clearInterval(this.timer);
    return [...this.running.keys()];
  }
}
