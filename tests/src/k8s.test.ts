/**
 * `assay k8s run` with kubectl replaced by a recording stub (support/kubectl-stub.ts): there is no
 * cluster on this machine, so these tests check the commands a run issues, in order, and that it
 * deletes its namespace when it is interrupted or fails — the cleanup path, not Kubernetes itself.
 * A tool's run over a monorepo, end to end through processes: this repository's `monorepo-e2e`
 * category, which keeps the main job within its two minutes.
 *
 * @module-tag monorepo-e2e
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubectlStub, stubCalls } from './support/kubectl-stub.ts';
import { BIN, cleanEnv, REPO_ROOT, tempDir } from './support/repo.ts';

/** An empty monorepo to run from, the stub first on PATH; `assay k8s run` started in it. */
function startRun(runId: string, env: Record<string, string> = {}) {
  const dir = tempDir('k8s');
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
  writeFileSync(join(dir, 'package.json'), '{ "name": "k8s-sample", "private": true }\n');
  const stub = kubectlStub(dir);
  const args = ['k8s', 'run', '--shards', '2', '--run-id', runId, '--manifests', join(REPO_ROOT, 'deploy/k8s')];
  const child = spawn(join(BIN, 'assay'), args, {
    cwd: dir,
    env: cleanEnv({
      PATH: `${stub.bin}:${process.env.PATH}`,
      KUBECTL_STUB_LOG: stub.log,
      KUBECTL_STUB_STATE: stub.state,
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exit = once(child, 'close').then(([code]) => ({ code: code as number | null, output }));
  return { child, exit, calls: () => stubCalls(stub.log), namespaces: () => readdirSync(stub.state) };
}

const kinds = (yaml: string) => parseAllDocuments(yaml).map((d) => (d.toJS() as { kind: string }).kind);

describe('assay k8s run, with kubectl replaced by a recording stub (no cluster on this machine)', {
  meta: req('CLI-007'),
}, () => {
  test('an interrupted run stops waiting and deletes its namespace', async () => {
    const run = startRun('interrupted', { KUBECTL_STUB_HANG: 'Ready' });
    // The run is waiting for the shards' pods to turn Ready: interrupt it there.
    await vi.waitFor(
      () => expect(run.calls().filter((c) => c.args.includes('--for=condition=Ready'))).toHaveLength(2),
      { timeout: 60_000, interval: 50 },
    );
    expect(run.namespaces()).toEqual(['assay-interrupted']);
    run.child.kill('SIGINT');
    const { code, output } = await run.exit;

    expect(code, output).toBe(130);
    expect(output).toContain('assay k8s: interrupted');
    expect(run.namespaces()).toEqual([]);
    const calls = run.calls().map((c) => c.args.join(' '));
    expect(calls.at(-1)).toBe('delete namespace assay-interrupted --ignore-not-found --wait=false');
  });

  test('the services are applied and waited for before the Job; a shard whose artifacts cannot be copied fails the run in one line, and the namespace is deleted', async () => {
    const run = startRun('failed');
    const { code, output } = await run.exit;

    expect(code, output).toBe(1);
    expect(output).toMatch(/^assay: kubectl cp: error: assay-shards-\d-stub:\/artifacts has no \/artifacts here$/m);
    expect(run.namespaces()).toEqual([]);
    const calls = run.calls();
    const [services, available, job] = calls;
    expect(services?.args).toEqual(['apply', '-f', '-']);
    expect(kinds(services?.input ?? '')).toEqual(
      expect.arrayContaining(['Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'Deployment', 'Secret']),
    );
    expect(kinds(services?.input ?? '')).not.toContain('Job');
    expect(available?.args).toEqual([
      'wait',
      '--namespace',
      'assay-failed',
      '--for=condition=Available',
      'deployment',
      '--all',
      '--timeout=1800s',
    ]);
    expect(kinds(job?.input ?? '')).toEqual(['Job']);
    // A shard's pod is waited for by its index, by events (created, then Ready), never by a sleep,
    // before its artifacts are copied. (The other shard's calls end when the first copy fails.)
    const copy = calls.findIndex((c) => c.args[0] === 'cp');
    const pod = /assay-shards-(\d)-stub/.exec(calls[copy]?.args.join(' ') ?? '');
    const before = calls.slice(0, copy).map((c) => c.args.join(' '));
    expect(before).toContainEqual(
      expect.stringMatching(new RegExp(`^wait .*--for=create pod -l .*job-completion-index=${pod?.[1]}`)),
    );
    expect(before).toContainEqual(
      `wait --namespace assay-failed pod/${pod?.[0]} --for=condition=Ready --timeout=1800s`,
    );
    expect(calls.at(-1)?.args).toEqual(['delete', 'namespace', 'assay-failed', '--ignore-not-found', '--wait=false']);
  });
});
