import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sendJson, startTestServer } from '../testing/http-server.js';
import { Agent, request } from './undici-lite.js';

// undici-lite.ts reaches into undici by file path: this fails first if an
// undici update moves or reshapes those files.
const server = await startTestServer((req, res) => sendJson(res, 200, { method: req.method, path: req.url }));
after(() => server.close());

test("undici's Agent and request(), loaded by path, make a keep-alive request", async () => {
  assert.equal(typeof Agent, 'function');
  assert.equal(typeof request, 'function');
  const agent = new Agent({ keepAliveTimeout: 1000 });
  try {
    for (const path of ['/a', '/b?c=d']) {
      const res = await request.call(agent, { origin: server.origin, path, method: 'GET' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(await res.body.json(), { method: 'GET', path });
    }
  } finally {
    await agent.close();
  }
});
