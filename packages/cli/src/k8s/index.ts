export { ArtifactsError, placeBlobs, readOutcome } from './collect.ts';
export { type Kubectl, type KubectlCall, KubectlError, kubectl } from './kubectl.ts';
export { kustomize } from './kustomize.ts';
export { type Container, KustomizeError, type Manifest, type PodSpec, podSpecOf, quantity } from './manifest.ts';
export {
  awaitCollection,
  BLOBS_DIR,
  COLLECTED_FILE,
  type PodShardOptions,
  RESULT_FILE,
  RESULT_SCHEMA_VERSION,
  runPodShard,
  type ShardOutcome,
} from './pod.ts';
export {
  JOB_NAME,
  PLAN_CONFIG_MAP,
  PLAN_KEY,
  type RenderedRun,
  RUNNER_CONTAINER,
  type RunSettings,
  renderRun,
  runnerOf,
  toYaml,
} from './render.ts';
export { type ClusterRunOptions, runInCluster } from './run.ts';
export { formatProblems, type ManifestProblem, validateManifest, validateManifests } from './validate.ts';
