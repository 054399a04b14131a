import type { Category, Tier, TierModel } from '@assay/tiers';
import { UsageError } from '../errors.ts';

export const tierOptions = {
  tier: { type: 'string' },
  category: { type: 'string', multiple: true },
} as const;

/** --tier, one of the repository's tiers (its assay.config.ts's, or the built-in ones). */
export function readTier(value: unknown, model: TierModel): Tier {
  if (typeof value !== 'string') throw new UsageError(`missing --tier: expected one of ${model.tiers.join(', ')}`);
  return model.parseTier(value);
}

export function readCategories(value: unknown, model: TierModel): Category[] {
  return Array.isArray(value) ? value.map((c) => model.parseCategory(String(c))) : [];
}
