/** Pact matchers the storefront's contracts share. */
import { MatchersV3 } from '@pact-foundation/pact';

/** A UTC ISO-8601 timestamp, as orders-api writes `createdAt`. */
export const isoTimestamp = (example = '2026-11-22T10:00:00.000Z') =>
  MatchersV3.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.source, example);
