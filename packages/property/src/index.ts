/** `@assay/property`: property testing on fast-check, with profiles, a failure database, statistics and health checks. */
export { type AssertOptions, assertProperty, PropertyFailure, type PropertyStats } from './assert.ts';
export { type ModelSpec, type ModelSystem, modelProperty } from './model.ts';
export * from './node.ts';
export { property } from './property.ts';
