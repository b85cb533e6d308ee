import type { BackendDefinition, BackendGlobals } from '../contract/index.js';
import { ConfigStore } from '../config/config-store.js';
import { UsageError } from '../errors/index.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { BackendRegistry } from '../registry/backend-registry.js';
import { systemClock, type Clock } from '../registry/tokens.js';
import { DEFAULT_BACKEND_GLOBALS } from './default-globals.js';
import { MemoryConfigStore, type InlineConfig } from './memory-config.js';

/** Where remotes are read from: ConfigStore (a file) and MemoryConfigStore both are one. */
export interface RemoteConfigSource {
  /** Named in messages about a missing remote. */
  readonly path: string;
  get(remote: string): Promise<Record<string, string> | undefined>;
  /** Update some keys of an existing remote; false when the remote is gone. */
  patch(remote: string, values: Record<string, string>): Promise<boolean>;
}

/**
 * What opening a remote needs from its host, passed as plain values. The CLI
 * builds these once (with tsyringe, in its session); a script passes what it
 * has and takes the defaults for the rest.
 */
export interface HostServices {
  registry: BackendRegistry;
  config: RemoteConfigSource;
  logger: Logger;
  globals: BackendGlobals;
  /** Where RSYNCISH_<TYPE>_<OPTION> variables are read. */
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** --<type>-<option> values by type, which beat env vars and the config. */
  backendFlags: Record<string, Record<string, string>>;
}

/** HostServices as a caller may give them: every one optional. */
export interface HostInput {
  /** The backends to open remotes with; or give `backends` and one is made. */
  registry?: BackendRegistry;
  /** Backend definitions (a plugin package's export, e.g. localBackend) to register in a new registry. */
  backends?: unknown[];
  /** A config source, a config file's path, or the remotes inline: `{ name: { type, ...options } }`. Default: no remotes. */
  config?: RemoteConfigSource | string | InlineConfig;
  /** Default: writes nothing. */
  logger?: Logger;
  /** Merged over rclone's defaults. */
  globals?: Partial<BackendGlobals>;
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  backendFlags?: Record<string, Record<string, string>>;
}

/** Fill in the defaults; a bad backend definition is a UsageError naming what is wrong with it. */
export function hostServices(input: HostInput = {}): HostServices {
  return {
    registry: registryOf(input),
    config: configOf(input.config),
    logger: input.logger ?? silentLogger,
    globals: { ...DEFAULT_BACKEND_GLOBALS, ...input.globals },
    env: input.env ?? process.env,
    clock: input.clock ?? systemClock,
    backendFlags: input.backendFlags ?? {},
  };
}

function registryOf(input: HostInput): BackendRegistry {
  const registry = input.registry ?? new BackendRegistry();
  for (const def of input.backends ?? []) {
    // Giving the same definition again (a second openRemote with one input) changes nothing.
    if (isDefinition(def) && registry.get(def.type) === def) continue;
    const problem = registry.add(def);
    // A script has no plugin loader to report to: a definition that cannot be used stops it here.
    if (problem) {
      const type = (def as Partial<BackendDefinition> | null)?.type;
      throw new UsageError('ERR_BAD_BACKEND', `cannot register backend ${type ? `"${type}"` : String(def)}: ${problem.reason}`, {
        hint: "pass a plugin package's exported definition, e.g. localBackend from @rsyncish/plugin-local",
      });
    }
  }
  return registry;
}

function isDefinition(def: unknown): def is BackendDefinition {
  return typeof def === 'object' && def !== null && typeof (def as Partial<BackendDefinition>).type === 'string';
}

function configOf(config: HostInput['config']): RemoteConfigSource {
  if (config === undefined) return new MemoryConfigStore();
  if (typeof config === 'string') return new ConfigStore(config);
  if (isConfigSource(config)) return config;
  return new MemoryConfigStore(config);
}

function isConfigSource(config: RemoteConfigSource | InlineConfig): config is RemoteConfigSource {
  return typeof (config as Partial<RemoteConfigSource>).get === 'function';
}
