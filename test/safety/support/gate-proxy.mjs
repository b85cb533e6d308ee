// A TCP relay in front of a local server that lets a transfer start and then
// holds it: once one connection has carried `openBytes` in the gated direction
// ('up': client to server, 'down': server to client), the rest of what it
// carries that way is kept back. A kill test then interrupts a transfer that
// is surely in flight, whatever the machine's speed, with no sleeps.
import { connect, createServer } from 'node:net';

export async function startGateProxy({ port, direction, openBytes = 1024 * 1024 }) {
  let held = 0;
  const waiting = [];
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    const [from, to] = direction === 'up' ? [client, upstream] : [upstream, client];
    const [back, backTo] = direction === 'up' ? [upstream, client] : [client, upstream];
    let passed = 0;
    let holding = false;
    from.on('data', (chunk) => {
      if (holding) return;
      const room = openBytes - passed;
      if (chunk.length <= room) {
        passed += chunk.length;
        to.write(chunk);
        return;
      }
      if (room > 0) to.write(chunk.subarray(0, room));
      passed = openBytes;
      holding = true;
      held++;
      for (const w of waiting.filter((w) => held >= w.n)) w.resolve();
    });
    back.on('data', (chunk) => backTo.write(chunk));
    // Either side closing ends the other: the server sees a client's abort.
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', () => {
        sockets.delete(s);
        end();
      });
      s.on('end', end);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** How many connections have been held so far. */
    get heldCount() {
      return held;
    },
    /** Resolves once `n` connections have been held. */
    held: (n = 1) => (held >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve }))),
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
