/**
 * A recording stand-in for kubectl, for tests of `assay k8s run` on a machine with no cluster: it
 * writes each call (its arguments and standard input) as a JSON line to $KUBECTL_STUB_LOG, keeps the
 * namespaces that were applied and not deleted as files in $KUBECTL_STUB_STATE, and answers:
 *   apply -f -        records the Namespaces in the input
 *   wait              returns at once; hangs (until killed) when its --for= matches $KUBECTL_STUB_HANG,
 *                     and always for a Failed condition or phase (nothing fails here)
 *   get pod …         prints a pod name with the index of the selector in it
 *   cp POD:/artifacts DIR   copies $KUBECTL_STUB_ARTIFACTS/shard-<index> to DIR; fails without it
 *   exec, delete      succeed (`delete namespace N` forgets N)
 * Run it as `node kubectl-stub.ts ARGS…` through a `kubectl` script on PATH (kubectlStub() below).
 */
import { appendFileSync, chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** A bin folder whose `kubectl` is this stub; put it first on PATH. */
export function kubectlStub(dir: string): { bin: string; log: string; state: string } {
  const bin = join(dir, 'bin');
  const state = join(dir, 'namespaces');
  mkdirSync(bin, { recursive: true });
  mkdirSync(state, { recursive: true });
  const script = join(bin, 'kubectl');
  writeFileSync(script, `#!/bin/sh\nexec "${process.execPath}" "${fileURLToPath(import.meta.url)}" "$@"\n`);
  chmodSync(script, 0o755);
  return { bin, log: join(dir, 'calls.jsonl'), state };
}

export interface StubCall {
  readonly args: readonly string[];
  readonly input: string;
}

/** The calls recorded so far. */
export function stubCalls(log: string): StubCall[] {
  let text = '';
  try {
    text = readFileSync(log, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as StubCall);
}

async function main(args: string[]) {
  const env = process.env;
  const input = args.includes('-') ? readFileSync(0, 'utf8') : '';
  appendFileSync(env.KUBECTL_STUB_LOG as string, `${JSON.stringify({ args, input })}\n`);
  const state = env.KUBECTL_STUB_STATE as string;
  const verb = args[0];
  const index = /job-completion-index=(\d+)/.exec(args.join(' '))?.[1];
  switch (verb) {
    case 'apply':
      for (const doc of parseAllDocuments(input)) {
        const m = doc.toJS() as { kind?: string; metadata?: { name?: string } } | null;
        if (m?.kind === 'Namespace' && m.metadata?.name) writeFileSync(join(state, m.metadata.name), '');
      }
      return 0;
    case 'wait': {
      const condition = args.find((a) => a.startsWith('--for='));
      const hang = env.KUBECTL_STUB_HANG;
      if (condition?.endsWith('Failed') || (hang && condition?.includes(hang))) {
        await new Promise(() => setInterval(() => {}, 60_000));
      }
      return 0;
    }
    case 'get':
      process.stdout.write(`assay-shards-${index ?? 0}-stub`);
      return 0;
    case 'cp': {
      const from = env.KUBECTL_STUB_ARTIFACTS;
      const pod = args.find((a) => a.endsWith(':/artifacts'));
      const shard = /^assay-shards-(\d+)-stub:/.exec(pod ?? '')?.[1];
      if (!from || shard === undefined) {
        process.stderr.write(`error: ${pod} has no /artifacts here\n`);
        return 1;
      }
      cpSync(join(from, `shard-${shard}`), args.at(-1) as string, { recursive: true });
      return 0;
    }
    case 'delete':
      if (args.includes('namespace'))
        rmSync(join(state, args[args.indexOf('namespace') + 1] as string), { force: true });
      return 0;
    default:
      return 0;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
