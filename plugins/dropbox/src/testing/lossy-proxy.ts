// A forwarding HTTP proxy on 127.0.0.1 between a backend and the emulator that
// can lose the reply of a request the emulator did handle (the request goes
// through, the emulator acts on it, and the client gets a 503 instead of its
// answer: how a dropped connection looks to the client), or damage a reply's
// body on the way (its first byte flipped).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LossyProxy {
  url: string;
  /** Lose the replies of the next `count` requests whose path contains `route`. */
  loseReplies(route: string, count?: number): void;
  /** Flip the first byte of the reply bodies of the next `count` requests whose path contains `route`. */
  damageReplies(route: string, count?: number): void;
  /** How many replies were lost so far. */
  lost(): number;
  /** The paths of the requests seen so far. */
  paths: string[];
  close(): Promise<void>;
}

export async function startLossyProxy(target: string): Promise<LossyProxy> {
  const upstream = new URL(target);
  const rules: { route: string; count: number; damage?: boolean }[] = [];
  let lost = 0;
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(req.url ?? '');
    const rule = rules.find((r) => r.count > 0 && (req.url ?? '').includes(r.route));
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      if (rule?.damage) {
        rule.count--;
        res.writeHead(up.statusCode ?? 502, up.headers);
        let first = true;
        up.on('data', (chunk: Buffer) => {
          if (first && chunk.length > 0) {
            chunk[0] = chunk[0]! ^ 0xff;
            first = false;
          }
          res.write(chunk);
        });
        up.on('end', () => res.end());
        return;
      }
      if (rule) {
        rule.count--;
        lost++;
        up.resume();
        up.on('end', () => {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('reply lost on the way');
        });
        return;
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    loseReplies: (route, count = 1) => void rules.push({ route, count }),
    damageReplies: (route, count = 1) => void rules.push({ route, count, damage: true }),
    lost: () => lost,
    paths,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
