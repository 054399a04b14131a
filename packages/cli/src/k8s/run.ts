/**
 * An in-cluster run (`assay k8s run`): the rendered services applied and waited for, then the Indexed
 * Job; each shard's pod waited for until Ready (its result.json written), its /artifacts copied out,
 * and the pod let go. The namespace is deleted whatever happens — success, a failure, a timeout or
 * an interrupt (the caller aborts `signal`) — so a run leaves nothing behind in the cluster.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Kubectl, KubectlError } from './kubectl.ts';
import { COLLECTED_FILE } from './pod.ts';
import { JOB_NAME, type RenderedRun, RUNNER_CONTAINER, toYaml } from './render.ts';

export interface ClusterRunOptions {
  readonly rendered: RenderedRun;
  readonly kubectl: Kubectl;
  /** Each shard's artifacts are copied to <artifacts>/shard-<i>. */
  readonly artifacts: string;
  /** How long any one wait may take, in seconds. */
  readonly timeoutSeconds: number;
  /** Where the shards' pod logs are written before the namespace goes (absent: not kept). */
  readonly podLogs?: string;
  /** Aborted on an interrupt: every kubectl call in flight ends and the namespace is deleted. */
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/** The folders the shards' artifacts were copied to, by index. */
export async function runInCluster(options: ClusterRunOptions): Promise<string[]> {
  const { rendered, kubectl, log } = options;
  const { namespace } = rendered;
  const shards = Number(rendered.job.spec?.completions);
  // Ends the waits still running when the run is interrupted or once it no longer needs them.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal.addEventListener('abort', onAbort);
  const call = { signal: stop.signal };
  // A call in the run's namespace: the verb first, so an error names it.
  const inNamespace = (verb: string, ...args: string[]) => kubectl([verb, '--namespace', namespace, ...args], call);
  const timeout = `--timeout=${options.timeoutSeconds}s`;
  try {
    log(`assay k8s: applying the services to namespace ${namespace}`);
    await kubectl(['apply', '-f', '-'], { ...call, input: toYaml(rendered.services) });
    await inNamespace('wait', '--for=condition=Available', 'deployment', '--all', timeout);
    log(`assay k8s: services available; starting ${shards} shards as Job ${JOB_NAME}`);
    await kubectl(['apply', '-f', '-'], { ...call, input: toYaml([rendered.job]) });

    // Each index's pod, once Ready; a pod that fails before (a disruption, an eviction) is replaced
    // by the Job when its index may run again, and the replacement is waited for in turn.
    const readyPod = async (index: number): Promise<string> => {
      const selector = ['-l', `job-name=${JOB_NAME},batch.kubernetes.io/job-completion-index=${index}`];
      const live = '--field-selector=status.phase!=Failed';
      for (;;) {
        await inNamespace('wait', '--for=create', 'pod', ...selector, live, timeout);
        const pod = (
          await inNamespace('get', 'pod', ...selector, live, '-o', 'jsonpath={.items[0].metadata.name}')
        ).trim();
        if (!pod) continue;
        const first = new AbortController();
        const either = { signal: AbortSignal.any([stop.signal, first.signal]) };
        const wait = (condition: string) =>
          kubectl(['wait', '--namespace', namespace, `pod/${pod}`, condition, timeout], either).then(() => condition);
        const ready = '--for=condition=Ready';
        const outcome = await Promise.race([wait(ready), wait('--for=jsonpath={.status.phase}=Failed')]).finally(() =>
          first.abort(),
        );
        if (outcome === ready) return pod;
        log(`assay k8s: shard ${index + 1}/${shards}: pod ${pod} failed before its results were ready`);
      }
    };
    const collect = async (index: number) => {
      const pod = await readyPod(index);
      const dir = join(options.artifacts, `shard-${index}`);
      await inNamespace('cp', '-c', RUNNER_CONTAINER, `${pod}:/artifacts`, dir);
      await inNamespace('exec', pod, '-c', RUNNER_CONTAINER, '--', 'touch', `/artifacts/${COLLECTED_FILE}`);
      log(`assay k8s: shard ${index + 1}/${shards} collected from ${pod}`);
      return dir;
    };
    // An index that fails for good (a failing test's exit code fails it at once) fails the Job once
    // every other index is done: that ends the waits instead of their timeout. This watch's own
    // end (timeout, abort) decides nothing: it then never settles.
    const jobFailed = inNamespace('wait', `job/${JOB_NAME}`, '--for=condition=Failed', timeout).then(
      async () => {
        const failed = await inNamespace('get', `job/${JOB_NAME}`, '-o', 'jsonpath={.status.failedIndexes}');
        throw new KubectlError(
          `Job ${JOB_NAME} failed before every shard reported (failed indexes: ${failed || 'none listed'})`,
        );
      },
      () => new Promise<never>(() => {}),
    );
    return await Promise.race([Promise.all(Array.from({ length: shards }, (_, i) => collect(i))), jobFailed]);
  } finally {
    stop.abort();
    options.signal.removeEventListener('abort', onAbort);
    // The pods' logs go with the namespace: kept first, unless the user asked to stop now.
    if (options.podLogs && !options.signal.aborted) {
      const logs = ['logs', '--namespace', namespace, '-l', `job-name=${JOB_NAME}`, '--prefix', '--tail=-1'];
      // --ignore-errors: a pod that never started must not cost the others' logs.
      await kubectl([...logs, '--ignore-errors']).then(
        (text) => writeFileSync(options.podLogs as string, text),
        (error: Error) => log(`assay k8s: no pod logs kept: ${error.message}`),
      );
    }
    // Not tied to the signal: the deletion must go out even when the run was interrupted.
    await kubectl(['delete', 'namespace', namespace, '--ignore-not-found', '--wait=false']).then(
      () => log(`assay k8s: namespace ${namespace} deleted`),
      (error: Error) => log(`assay k8s: WARNING: could not delete namespace ${namespace}: ${error.message}`),
    );
  }
}
