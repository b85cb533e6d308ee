import type { Config } from '@oclif/core';
import { BackendRegistry, formatError, type RegistrationProblem } from '@rsyncish/core';

/** The hook every backend plugin answers with its BackendDefinition[]. */
export const BACKENDS_HOOK = 'rsyncish:backends';

/** A hook that has not answered by then is reported like one that threw, so it cannot hang every command. */
export const BACKENDS_HOOK_TIMEOUT_MS = 10_000;

/** What a hook outcome tells about its plugin; `type` is oclif's: core, user (installed), link, dev. */
interface PluginRef {
  name: string;
  type: string;
}

interface HookResult {
  successes: { result: unknown; plugin: PluginRef }[];
  failures: { error: unknown; plugin: PluginRef }[];
}

/**
 * Run the backends hook once and register what each plugin returns. Whatever
 * goes wrong in one plugin (its hook throws or times out, returns something
 * that is not a list, offers definitions for another API version or a type
 * already taken) becomes ONE problem for that plugin, whose reason reads as
 * `not loaded: ...` or, when some of its backends did register,
 * `loaded a, b; not loaded: ...`. The other plugins load as usual.
 */
export async function loadBackends(config: Config): Promise<{ registry: BackendRegistry; problems: RegistrationProblem[] }> {
  const runHook = config.runHook.bind(config) as unknown as (
    event: string, opts: object, timeout?: number, captureErrors?: boolean,
  ) => Promise<HookResult>;
  const result = await runHook(BACKENDS_HOOK, {}, BACKENDS_HOOK_TIMEOUT_MS, true);
  const registry = new BackendRegistry();
  const before = registrationOrder(config);
  const outcomes = new Map<string, { plugin: PluginRef; loaded: string[]; reasons: string[] }>();
  const outcomeOf = (plugin: PluginRef) => {
    let o = outcomes.get(plugin.name);
    if (!o) outcomes.set(plugin.name, (o = { plugin, loaded: [], reasons: [] }));
    return o;
  };
  const successes = [...result.successes].sort((a, b) => before(a.plugin, b.plugin));
  for (const { result: defs, plugin } of successes) {
    const outcome = outcomeOf(plugin);
    if (!Array.isArray(defs)) {
      outcome.reasons.push(`its ${BACKENDS_HOOK} hook returned ${describe(defs)}, not a list of backend definitions`);
      continue;
    }
    for (const def of defs) {
      const problem = registry.add(def, plugin.name);
      if (problem) outcome.reasons.push(problem.reason);
      else outcome.loaded.push((def as { type: string }).type);
    }
  }
  for (const { error, plugin } of result.failures) {
    outcomeOf(plugin).reasons.push(`its ${BACKENDS_HOOK} hook failed: ${formatError(error)}`);
  }
  const problems: RegistrationProblem[] = [];
  for (const { plugin, loaded, reasons } of [...outcomes.values()].sort((a, b) => before(a.plugin, b.plugin))) {
    if (reasons.length === 0) continue;
    // Several definitions refused for one cause (say, all built for API version 2) say it once.
    const because = [...new Set(reasons.map(oneLine))].join('; ');
    problems.push({ plugin: plugin.name, reason: loaded.length > 0 ? `loaded ${loaded.join(', ')}; not loaded: ${because}` : `not loaded: ${because}` });
  }
  return { registry, problems };
}

/**
 * Hooks finish in any order, and oclif loads installed plugins before its core
 * ones, so the order is fixed here: rsyncish itself and its built-in plugins
 * (in package.json order) first, then installed, linked and dev plugins, each
 * group by package name. A built-in type can therefore never be taken over by
 * an installed plugin, and which of two installed plugins owns a type does not
 * depend on timing.
 */
function registrationOrder(config: Config): (a: PluginRef, b: PluginRef) => number {
  const types = ['core', 'user', 'link', 'dev'];
  const core = [config.name, ...(config.pjson.oclif.plugins ?? [])];
  const typeRank = (p: PluginRef) => (types.includes(p.type) ? types.indexOf(p.type) : types.length);
  const coreRank = (p: PluginRef) => (core.includes(p.name) ? core.indexOf(p.name) : core.length);
  return (a, b) => typeRank(a) - typeRank(b) || (a.type === 'core' ? coreRank(a) - coreRank(b) : 0) || a.name.localeCompare(b.name);
}

/** A plugin's message may span lines (a stack, a module error); the warning is one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : typeof value;
}
