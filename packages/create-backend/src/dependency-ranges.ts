/**
 * The versions a generated plugin builds and tests against: those of the
 * rsyncish release this package ships with (a unit test keeps them equal to
 * the monorepo's), so a new plugin starts on the current contract.
 */
export const DEPENDENCY_RANGES = {
  '@rsyncish/core': '^0.1.0',
  '@rsyncish/testkit': '^0.1.0',
  '@types/node': '^20.19.0',
  typescript: '~5.9.3',
} as const;
