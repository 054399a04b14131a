/** Whether a parsed value (JSON, a loaded configuration) is a plain object, not null or a list. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
