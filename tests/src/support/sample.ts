/** The sample workspace's tests (fixtures/sample-workspace), by the tier that runs them. */
export const PR = [
  'a contract test',
  'a e2e test',
  'a integration test',
  'a property test',
  'a quarantined test',
  'a unit test',
  'a unit test tagged by its file',
];
export const NIGHTLY = [...PR, 'a chaos test', 'a performance test', 'a slow test', 'an operational test'].sort();
export const WEEKLY = [...NIGHTLY, 'a destructive test', 'a load test', 'a soak test'].sort();
