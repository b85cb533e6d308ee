import type { BackendContext } from '../contract/context.js';
import { Pacer, type PacerOptions } from './pacer.js';
import { globalTpsLimiter } from './tps-limiter.js';

/**
 * A Pacer for one opened remote, wired to what the user set for the whole
 * run: --low-level-retries as its attempts, --tpslimit as the process-wide
 * limiter, the context's logger for its retry lines. A backend passes only its
 * own pacing (and, in tests, a clock); it never reads those flags itself, so
 * it cannot forget one.
 */
export function pacerFor(
  ctx: Pick<BackendContext, 'globals' | 'logger'>,
  options: Pick<PacerOptions, 'settings' | 'now' | 'sleep'> = {},
): Pacer {
  return new Pacer({
    ...options,
    attempts: ctx.globals.lowLevelRetries,
    tps: globalTpsLimiter(ctx.globals.tpsLimit),
    logger: ctx.logger,
  });
}
