/** Bad traceability input (a registry, results, an option): one line naming where, exit code 2. */
export class TraceInputError extends Error {
  override name = 'TraceInputError';
  readonly exitCode = 2;
}
