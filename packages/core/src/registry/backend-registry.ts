import { BACKEND_API_VERSION, type BackendDefinition } from '../contract/index.js';
import { adaptV1Definition, V1_API_VERSION } from './v1-adapter.js';

export interface RegistrationProblem {
  /** The plugin (package name) that offered the definition. */
  plugin: string;
  reason: string;
}

/**
 * Backend definitions by type. Plugins return definitions from their hook; the
 * CLI validates and adds them here. A type is owned by the first plugin that
 * offers it; later offers are refused with a problem naming both plugins.
 */
export class BackendRegistry {
  private readonly byType = new Map<string, { def: BackendDefinition; plugin: string }>();
  /** Alias -> type. An alias never hides a type, and the first plugin to claim one keeps it. */
  private readonly aliases = new Map<string, string>();
  /** Plugins with a definition loaded through the version 1 compatibility layer. */
  private readonly adapted = new Set<string>();

  /** Validate and add; returns a problem instead of throwing so one bad plugin cannot stop the rest. */
  add(candidate: unknown, plugin = 'the host'): RegistrationProblem | undefined {
    const problem = validateDefinition(candidate);
    if (problem) return { plugin, reason: problem };
    const v1 = (candidate as BackendDefinition).apiVersion === V1_API_VERSION;
    const def = v1 ? adaptV1Definition(candidate as BackendDefinition) : withoutRetiredCapabilities(candidate as BackendDefinition);
    const existing = this.byType.get(def.type);
    if (existing) {
      return {
        plugin,
        reason: `backend type "${def.type}" is already registered by ${existing.plugin}`,
      };
    }
    this.byType.set(def.type, { def, plugin });
    if (v1) this.adapted.add(plugin);
    for (const alias of def.aliases ?? []) {
      if (!this.aliases.has(alias)) this.aliases.set(alias, def.type);
    }
    return undefined;
  }

  /** The definition for a config's `type =` value: a type, or an alias of one. */
  get(type: string): BackendDefinition | undefined {
    return this.entry(type)?.def;
  }

  pluginOf(type: string): string | undefined {
    return this.entry(type)?.plugin;
  }

  private entry(type: string): { def: BackendDefinition; plugin: string } | undefined {
    return this.byType.get(type) ?? this.byType.get(this.aliases.get(type) ?? '');
  }

  /**
   * One notice per plugin whose backends work through the version 1
   * compatibility layer, suggesting the upgrade (however many types it offers).
   */
  compatibilityNotices(): string[] {
    return [...this.adapted].sort().map((plugin) =>
      `plugin ${plugin} uses backend API version ${V1_API_VERSION}; it works through a compatibility layer - upgrade it for backend API version ${BACKEND_API_VERSION} (see docs/writing-a-backend.md)`);
  }

  /** Every definition, sorted by type. */
  all(): BackendDefinition[] {
    return [...this.byType.values()].map((v) => v.def).sort((a, b) => a.type.localeCompare(b.type));
  }
}

function validateDefinition(d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null) return 'hook returned something that is not a backend definition';
  const def = d as Partial<BackendDefinition>;
  if (def.apiVersion !== BACKEND_API_VERSION && def.apiVersion !== V1_API_VERSION) {
    return `built for backend API version ${String(def.apiVersion)}, this rsyncish supports version ${BACKEND_API_VERSION}`;
  }
  if (typeof def.type !== 'string' || !/^[a-z][a-z0-9]*$/.test(def.type)) {
    return `invalid backend type ${JSON.stringify(def.type)} (lowercase letters and digits only)`;
  }
  if (def.aliases !== undefined && (!Array.isArray(def.aliases) || def.aliases.some((a) => typeof a !== 'string' || a.trim() === ''))) {
    return `backend "${def.type}" has aliases that are not all non-empty strings`;
  }
  if (typeof def.create !== 'function') return `backend "${def.type}" has no create() factory`;
  if (!Array.isArray(def.options)) return `backend "${def.type}" has no options list`;
  if (typeof def.capabilities !== 'object' || def.capabilities === null) {
    return `backend "${def.type}" declares no capabilities`;
  }
  return undefined;
}

/**
 * Plugins built before listRecursive() declared a `recursiveList` flag the
 * engine never read; it is dropped so it cannot be taken for the new
 * capability, and the plugin loads as before.
 */
function withoutRetiredCapabilities(def: BackendDefinition): BackendDefinition {
  if (!('recursiveList' in def.capabilities)) return def;
  const { recursiveList: _retired, ...capabilities } = def.capabilities as BackendDefinition['capabilities'] & { recursiveList?: unknown };
  return { ...def, capabilities };
}
