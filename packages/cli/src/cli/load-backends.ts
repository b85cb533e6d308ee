import type { Config } from '@oclif/core';
import { BackendRegistry, formatError, type RegistrationProblem } from '@rsyncish/core';

/** The hook every backend plugin answers with its BackendDefinition[]. */
export const BACKENDS_HOOK = 'rsyncish:backends';

interface HookResult {
  successes: { result: unknown; plugin: { name: string } }[];
  failures: { error: Error; plugin: { name: string } }[];
}

/**
 * Run the backends hook once and register what each plugin returns. A plugin
 * that throws or returns something invalid is reported (one problem per plugin)
 * and skipped: one broken plugin must not stop the others.
 */
export async function loadBackends(config: Config): Promise<{ registry: BackendRegistry; problems: RegistrationProblem[] }> {
  const runHook = config.runHook.bind(config) as unknown as (
    event: string, opts: object, timeout?: number, captureErrors?: boolean,
  ) => Promise<HookResult>;
  const result = await runHook(BACKENDS_HOOK, {}, undefined, true);
  const registry = new BackendRegistry();
  const problems: RegistrationProblem[] = [];
  // Hooks finish in any order; registering in plugin load order makes "first plugin wins" stable.
  const order = [...config.plugins.keys()];
  const successes = [...result.successes].sort((a, b) => order.indexOf(a.plugin.name) - order.indexOf(b.plugin.name));
  for (const { result: defs, plugin } of successes) {
    if (!Array.isArray(defs)) {
      problems.push({ plugin: plugin.name, reason: `its ${BACKENDS_HOOK} hook returned ${typeof defs}, not a list of backend definitions` });
      continue;
    }
    const reasons = defs.map((d) => registry.add(d, plugin.name)?.reason).filter((r): r is string => r !== undefined);
    if (reasons.length > 0) problems.push({ plugin: plugin.name, reason: reasons.join('; ') });
  }
  for (const { error, plugin } of result.failures) {
    problems.push({ plugin: plugin.name, reason: `its ${BACKENDS_HOOK} hook failed: ${formatError(error)}` });
  }
  return { registry, problems };
}
