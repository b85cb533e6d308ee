// Helpers for this package's tests: raw HTTP over real sockets (so headers, chunking and bodies
// are exactly what a test says) and a started emulator with a token and the root id at hand.
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { randomBytes } from 'node:crypto';
import { startEmulator } from './server.js';
import type { Emulator, EmulatorOptions } from './server.js';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json<T = any>(): T;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string | number>;
  /** A string/Buffer is sent with Content-Length; an array is sent chunk by chunk, chunked, with no Content-Length. */
  body?: string | Buffer | Buffer[];
  token?: string;
}

export function request(url: string, opts: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...opts.headers };
    if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
    if (typeof opts.body === 'string' || Buffer.isBuffer(opts.body)) headers['Content-Length'] = Buffer.byteLength(opts.body);
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    if (Array.isArray(opts.body)) {
      for (const chunk of opts.body) req.write(chunk);
      req.end();
    } else {
      req.end(opts.body);
    }
  });
}

/** A Go-style multipart body (rclone: 60-hex boundary), optionally cut into many chunks. */
export function multipart(parts: Array<{ headers: string[]; data: Buffer | string }>, boundary = randomBytes(30).toString('hex')): {
  contentType: string;
  body: Buffer;
} {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    pieces.push(Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`));
    pieces.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    pieces.push(Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(pieces) };
}

export function chunksOf(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

export function uploadBody(meta: Record<string, unknown>, data: Buffer | string, filename = String(meta['name'] ?? 'f')) {
  return multipart([
    { headers: ['Content-Disposition: form-data; name="metadata"'], data: JSON.stringify(meta) },
    {
      headers: [`Content-Disposition: form-data; name="content"; filename="${filename.replace(/"/g, '\\"')}"`, 'Content-Type: application/octet-stream'],
      data,
    },
  ]);
}

export interface TestDrive {
  emu: Emulator;
  token: string;
  rootId: string;
  meta: string;
  content: string;
  /** A metadata API call; JSON bodies go as rclone sends them: no Content-Type, trailing newline. */
  api(method: string, path: string, body?: unknown): Promise<Reply>;
  mkdir(name: string, parentId?: string): Promise<string>;
  upload(name: string, data: Buffer | string, opts?: { parentId?: string; suppress?: boolean; chunkSize?: number }): Promise<Reply>;
  download(id: string, headers?: Record<string, string>): Promise<Reply>;
  stop(): Promise<void>;
}

export async function startDrive(options: EmulatorOptions = {}): Promise<TestDrive> {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', saveDebounceMs: 10, ...options });
  const token = emu.control.issueToken().access_token;
  const meta = `${emu.url}/drive/v1/`;
  const content = `${emu.url}/cdproxy/`;
  const api = (method: string, path: string, body?: unknown): Promise<Reply> =>
    request(meta + path, { method, token, ...(body !== undefined ? { body: `${JSON.stringify(body)}\n` } : {}) });
  const root = await api('GET', 'nodes?filters=kind:FOLDER+AND+isRoot:true');
  if (root.status !== 200) {
    await emu.stop();
    throw new Error(`root lookup failed: ${root.status} ${root.text}`);
  }
  const rootId = root.json().data[0].id as string;
  return {
    emu,
    token,
    rootId,
    meta,
    content,
    api,
    async mkdir(name, parentId = rootId) {
      const r = await api('POST', 'nodes', { name, kind: 'FOLDER', parents: [parentId] });
      if (r.status !== 201) throw new Error(`mkdir ${name}: ${r.status} ${r.text}`);
      return r.json().id as string;
    },
    upload(name, data, opts = {}) {
      const { contentType, body } = uploadBody({ name, kind: 'FILE', parents: [opts.parentId ?? rootId] }, data);
      const suppress = opts.suppress ?? true;
      return request(`${content}nodes${suppress ? '?suppress=deduplication' : ''}`, {
        method: 'POST',
        token,
        headers: { 'Content-Type': contentType },
        body: chunksOf(body, opts.chunkSize ?? 7),
      });
    },
    download(id, headers = {}) {
      return request(`${content}nodes/${id}/content`, { token, headers });
    },
    stop: () => emu.stop(),
  };
}
