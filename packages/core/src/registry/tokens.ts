/**
 * Injection tokens at the seams a host substitutes: the clock, the logger,
 * the config store, global settings. Strings, not classes, because a plugin
 * may hold a different copy of core than the CLI.
 */
export const TOKENS = {
  Logger: 'rsyncish.Logger',
  Clock: 'rsyncish.Clock',
  ConfigStore: 'rsyncish.ConfigStore',
  Globals: 'rsyncish.BackendGlobals',
  Env: 'rsyncish.Env',
  BackendFlags: 'rsyncish.BackendFlags',
} as const;

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
