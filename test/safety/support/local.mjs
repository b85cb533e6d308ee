// Checks that a run lost no byte of what the destination held before it,
// and a proxy that holds one request so a test can act mid-run.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { snapshot } from '../../helpers.mjs';

/**
 * Every file of `before` (a snapshot() of the tree taken before the run) is
 * still in `root` with the same bytes, except those named in `replaced`,
 * which must exist (replaced by a whole new version, never removed).
 */
export function assertNothingLost(before, root, replaced = []) {
  const after = snapshot(root);
  for (const [path, was] of Object.entries(before)) {
    const now = after[path];
    assert.ok(now, `${path} was on the destination before the run and is gone`);
    if (!replaced.includes(path)) assert.equal(now.md5, was.md5, `${path} changed though it should not have`);
  }
  return after;
}

/** No `.partial` temp file is left anywhere in a snapshot. */
export function assertNoPartials(snap) {
  const left = Object.keys(snap).filter((p) => p.endsWith('.partial'));
  assert.deepEqual(left, [], 'temp files were left behind');
}

/**
 * A plain HTTP proxy on 127.0.0.1 in front of a server on 127.0.0.1 (the ACD
 * emulator), keeping the Host header so the URLs the emulator hands out lead
 * back through it. The first request that `holdIf(req)` picks is read whole,
 * then `onHold(body)` runs, and only when it has settled is the request
 * forwarded: a point in the middle of a run where the test can act, with
 * the client waiting on that request's answer.
 */
export async function startHoldingProxy(target, { holdIf, onHold }) {
  const upstream = new URL(target);
  if (upstream.hostname !== '127.0.0.1') throw new Error('the proxy only forwards to 127.0.0.1');
  let holding = true;
  const forward = (req, res, body) => {
    const out = request({ host: '127.0.0.1', port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    if (body) out.end(body);
    else req.pipe(out);
  };
  const server = createServer((req, res) => {
    if (!holding || !holdIf(req)) return forward(req, res);
    holding = false;
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      try {
        await onHold(body);
      } finally {
        forward(req, res, body);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
