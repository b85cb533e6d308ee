/**
 * The part of undici rsyncish uses: the Agent (a keep-alive pool per origin)
 * and request(). undici's index also loads fetch, WebSocket, caches, mocks
 * and cookies, whose module reads `globalThis.Headers` and so makes Node load
 * its own bundled copy of undici as well: ~85 ms at the first request, where
 * these two modules take ~30 (docs/performance.md). undici has no exports
 * map; its index builds Agent and request() from these same files, and
 * undici-lite.test.ts checks they still have the shape used here.
 */
import Agent from 'undici/lib/dispatcher/agent.js';
import request from 'undici/lib/api/api-request.js';

export { Agent, request };
