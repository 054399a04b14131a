/** Writes what a plan creates, updates or replaces; files the plan leaves alone are not touched. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InitChange } from './plan.ts';

/** The changes a plan writes. */
export const writes = (plan: readonly InitChange[]) =>
  plan.filter((change) => change.content !== undefined && change.action !== 'ok' && change.action !== 'differs');

export function applyInit(root: string, plan: readonly InitChange[]): void {
  for (const change of writes(plan)) {
    const file = join(root, change.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, change.content as string);
  }
}
