import { type Category, parseCategory, parseTier, type Tier } from '@assay/tiers';
import { UsageError } from '../errors.ts';

export const tierOptions = {
  tier: { type: 'string' },
  category: { type: 'string', multiple: true },
} as const;

export function readTier(value: unknown): Tier {
  if (typeof value !== 'string') throw new UsageError('missing --tier: expected one of pr, nightly, weekly');
  return parseTier(value);
}

export function readCategories(value: unknown): Category[] {
  return Array.isArray(value) ? value.map((c) => parseCategory(String(c))) : [];
}
