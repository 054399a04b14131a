/** kubectl as a function: its output, or one line saying what failed. */
import { spawn } from 'node:child_process';

export class KubectlError extends Error {
  override name = 'KubectlError';
  readonly exitCode = 1;
}

export interface KubectlCall {
  /** Given on standard input (`apply -f -`). */
  readonly input?: string;
  /** Ends the call (kills kubectl) when aborted: an interrupted run stops waiting. */
  readonly signal?: AbortSignal;
}

export type Kubectl = (args: readonly string[], call?: KubectlCall) => Promise<string>;

/** Runs `binary` (kubectl on PATH by default) with the user's kubeconfig and context. */
export function kubectl(binary = 'kubectl'): Kubectl {
  return (args, call = {}) =>
    new Promise((resolve, reject) => {
      if (call.signal?.aborted) return reject(new KubectlError(`kubectl ${args[0]}: interrupted`));
      const child = spawn(binary, args, {
        stdio: ['pipe', 'pipe', 'pipe'],
        ...(call.signal ? { signal: call.signal } : {}),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT')
          reject(new KubectlError(`${binary} not found: install kubectl and point it at a cluster`));
        else if (error.name === 'AbortError') reject(new KubectlError(`kubectl ${args[0]}: interrupted`));
        else reject(new KubectlError(`kubectl ${args[0]}: ${error.message}`));
      });
      child.on('close', (code) => {
        if (code === 0) return resolve(stdout);
        const reason = stderr.trim().split('\n').at(-1) || `exit ${code}`;
        reject(new KubectlError(`kubectl ${args[0]}: ${reason}`));
      });
      // kubectl may exit before reading its input; its exit code then says why, not EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(call.input ?? '');
    });
}
