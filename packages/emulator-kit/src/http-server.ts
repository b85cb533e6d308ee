import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const HEADER_LIMIT = 16 * 1024;

export interface ServedHttp {
  /** `http://HOST:PORT` of the bound socket. */
  origin: string;
  host: string;
  port: number;
  /** Stops listening; requests in flight get a second to finish, then their sockets are cut. */
  close(): Promise<void>;
}

export interface ServeOptions {
  host: string;
  port: number;
  /**
   * The JSON body for a request Node cannot parse (400) or whose headers are too large (431),
   * in the service's own error shape: it is written straight to the socket.
   */
  clientErrorBody(status: 400 | 431, message: string): unknown;
}

/** One HTTP server for an emulator: bounded headers, no request timeout (uploads can be long). */
export async function serveHttp(handle: (req: IncomingMessage, res: ServerResponse) => void, opts: ServeOptions): Promise<ServedHttp> {
  const server = createServer({ maxHeaderSize: HEADER_LIMIT, requestTimeout: 0, keepAliveTimeout: 5000 }, handle);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify(opts.clientErrorBody(status, status === 431 ? 'Request headers too large' : 'Malformed HTTP request'));
    const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    async close(): Promise<void> {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), 1000);
      await closed;
      clearTimeout(cut);
    },
  };
}
