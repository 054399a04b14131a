import { execFile } from 'node:child_process';

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program (no shell) to its end. Resolves with its exit code and output whether it succeeded
 * or not — a failing `pnpm audit` still prints what it found; rejects only when it cannot start.
 */
export function run(program: string, args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    // An SBOM or a licence list of a large monorepo runs to megabytes.
    execFile(program, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/**
 * A failed tool's error as one line. pnpm prints `Error: <code>`, then its message wrapped over lines
 * that start with × and │ (and its causes after ├─▶): the code and the message, joined.
 */
export function errorLine(ran: Ran): string {
  const lines = `${ran.stderr}\n${ran.stdout}`
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const start = lines.findIndex((line) => line.startsWith('×'));
  if (start === -1) return lines[0] ?? `exit code ${ran.code}`;
  const wrapped = lines.slice(start + 1).findIndex((line) => !line.startsWith('│'));
  const message = lines
    .slice(start, wrapped === -1 ? undefined : start + 1 + wrapped)
    .map((line) => line.slice(1).trim())
    .join(' ');
  const code = /^Error: (\S+)$/.exec(lines[0] ?? '')?.[1];
  return code ? `${code}: ${message}` : message;
}
