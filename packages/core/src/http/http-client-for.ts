import type { BackendContext } from '../contract/context.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';

/**
 * An HttpClient for one opened remote that honours the run's network flags:
 * --ca-cert, --client-cert, --user-agent, --dump (secrets masked) and
 * --timeout come from the context, so a backend cannot leave them out.
 */
export function httpClientFor(
  ctx: Pick<BackendContext, 'globals'>,
  options: Omit<HttpClientOptions, 'transport'> = {},
): HttpClient {
  const timeoutMs = ctx.globals.timeoutMs > 0 ? ctx.globals.timeoutMs : undefined;
  return new HttpClient({ timeoutMs, ...options, transport: ctx.globals.http });
}
