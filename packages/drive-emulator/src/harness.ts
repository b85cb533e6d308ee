// Helpers for this package's tests: a started emulator with a token and the root id at hand,
// and Drive calls over real sockets.
import { startEmulator } from './server.js';
import type { Emulator, EmulatorOptions } from './server.js';

export interface Reply {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
  json<T = any>(): T;
}

export interface TestDrive {
  emu: Emulator;
  token: string;
  rootId: string;
  /** A call with the bearer token; `path` is under the emulator's origin. */
  call(method: string, path: string, opts?: { body?: string | Buffer; headers?: Record<string, string>; json?: unknown; token?: string | null }): Promise<Reply>;
  mkdir(name: string, parentId?: string): Promise<string>;
  /** uploadType=media with a name set afterwards; returns the file id. */
  upload(name: string, data: Buffer | string, parentId?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const body = Buffer.from(await res.arrayBuffer());
  const text = body.toString('utf8');
  return { status: res.status, headers: res.headers, body, text, json: () => JSON.parse(text) };
}

export async function startDrive(options: EmulatorOptions = {}): Promise<TestDrive> {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', saveDebounceMs: 10, ...options });
  const token = emu.control.issueToken().access_token;
  const call: TestDrive['call'] = (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const bearer = opts.token === undefined ? token : opts.token;
    if (bearer !== null) headers['Authorization'] = `Bearer ${bearer}`;
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['Content-Type'] ??= 'application/json';
    }
    return request(`${emu.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  };
  const root = await call('GET', '/drive/v3/files/root?fields=id');
  if (root.status !== 200) {
    await emu.stop();
    throw new Error(`root lookup failed: ${root.status} ${root.text}`);
  }
  const rootId = root.json().id as string;
  return {
    emu,
    token,
    rootId,
    call,
    async mkdir(name, parentId = rootId) {
      const r = await call('POST', '/drive/v3/files', { json: { name, mimeType: 'application/vnd.google-apps.folder', parents: [parentId] } });
      if (r.status !== 200) throw new Error(`mkdir ${name}: ${r.status} ${r.text}`);
      return r.json().id as string;
    },
    async upload(name, data, parentId = rootId) {
      const boundary = 'b0undary';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify({ name, parents: [parentId] })}\r\n--${boundary}\r\nContent-Type: application/octet-stream\r\n\r\n`),
        Buffer.isBuffer(data) ? data : Buffer.from(data),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const r = await call('POST', '/upload/drive/v3/files?uploadType=multipart', { body, headers: { 'Content-Type': `multipart/related; boundary=${boundary}` } });
      if (r.status !== 200) throw new Error(`upload ${name}: ${r.status} ${r.text}`);
      return r.json().id as string;
    },
    stop: () => emu.stop(),
  };
}
