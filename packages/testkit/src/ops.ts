import { Readable } from 'node:stream';
import type { Backend, Entry, PutOptions } from '@rsyncish/core';
import { readAll } from './streams.js';
import { broken, describeError, show } from './violation.js';

/**
 * Backend calls that turn an unexpected rejection into a violation naming the
 * call, so a failing check says which promise broke rather than only "threw".
 */
export async function must<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    return broken(`${what} failed: ${describeError(err)}`);
  }
}

export function putBytes(b: Backend, path: string, content: Buffer | string, options: Partial<PutOptions> = {}): Promise<Entry> {
  const data = Buffer.from(content);
  return must(`put(${show(path)}) of ${data.length} bytes`, () =>
    b.put(path, Readable.from(data.length === 0 ? [] : [data]), { size: data.length, ...options }),
  );
}

export function statOf(b: Backend, path: string): Promise<Entry> {
  return must(`stat(${show(path)})`, () => b.stat(path));
}

export function readBack(b: Backend, path: string, range?: { start: number; end?: number }): Promise<Buffer> {
  const call = range ? `get(${show(path)}, range ${range.start}-${range.end ?? 'end'})` : `get(${show(path)})`;
  return must(call, async () => readAll(await b.get(path, range ? { range } : {})));
}

/** Entries of one directory by their base name; list must give full remote-relative paths. */
export async function listNames(b: Backend, dir: string): Promise<Map<string, Entry>> {
  const entries = await must(`list(${show(dir)})`, async () => {
    const out: Entry[] = [];
    for await (const e of b.list(dir)) out.push(e);
    return out;
  });
  if (b.listAll) sameListing(dir, entries, await must(`listAll(${show(dir)})`, () => b.listAll!(dir)));
  const prefix = dir === '' ? '' : `${dir}/`;
  const byName = new Map<string, Entry>();
  for (const e of entries) {
    if (!e.path.startsWith(prefix) || e.path.slice(prefix.length).includes('/')) {
      broken(`list(${show(dir)}) returned ${show(e.path)}, which is not a direct child path of ${show(dir)}`);
    }
    const name = e.path.slice(prefix.length);
    if (byName.has(name)) broken(`list(${show(dir)}) returned ${show(name)} twice`);
    byName.set(name, e);
  }
  return byName;
}

/** The engine lists with listAll where a backend has it, so it must give what list gives, entry for entry. */
function sameListing(dir: string, listed: Entry[], all: Entry[]): void {
  const key = (e: Entry) => JSON.stringify([e.path, e.kind, e.size, e.modTime ?? null, e.hashes ?? null]);
  const a = listed.map(key).sort();
  const b = all.map(key).sort();
  const only = (xs: string[], ys: string[]) => xs.filter((x) => !ys.includes(x));
  if (a.length !== b.length || only(a, b).length > 0) {
    broken(`listAll(${show(dir)}) and list(${show(dir)}) disagree: only from list ${only(a, b).join(', ') || 'none'}; only from listAll ${only(b, a).join(', ') || 'none'}`);
  }
}

/** The call must reject with core's NotFoundError (checked by code: a plugin may carry its own core). */
export async function expectNotFound(what: string, action: () => Promise<unknown>): Promise<void> {
  let result: unknown;
  try {
    result = await action();
  } catch (err) {
    const code = (err as { code?: unknown } | undefined)?.code;
    if (code === 'ERR_NOT_FOUND') return;
    broken(`${what} rejected with ${describeError(err)} instead of NotFoundError (code ERR_NOT_FOUND)`);
  }
  if (result && typeof result === 'object' && 'destroy' in result) (result as Readable).destroy();
  broken(`${what} succeeded for a path that does not exist; it must reject with NotFoundError`);
}

/** Drain an AsyncIterable, so list() errors (raised on first iteration) surface. */
export async function drain(items: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of items) void _;
}

/**
 * The call must reject with one of core's typed errors (checked by its `code`,
 * `ERR_…`): the engine decides retries and exit codes from that alone.
 */
export async function expectTypedRejection(what: string, action: () => Promise<unknown>): Promise<string> {
  let result: unknown;
  try {
    result = await action();
  } catch (err) {
    return typedCode(what, err);
  }
  if (result && typeof result === 'object' && 'destroy' in result) (result as Readable).destroy();
  return broken(`${what} resolved; it must reject with a typed error`);
}

/** The `code` of one of core's typed errors (`ERR_…`); any other rejection is a violation. */
export function typedCode(what: string, err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^ERR_[A-Z_]+$/.test(code)) return code;
  return broken(`${what} rejected with an untyped error (${describeError(err)}); map it to one of core's typed errors, e.g. IsADirectoryError`);
}

/** The file reads back as `content`; otherwise `message` is the violation. */
export async function expectContent(b: Backend, path: string, content: string, message: string): Promise<void> {
  let now: Buffer;
  try {
    now = await readAll(await b.get(path));
  } catch (err) {
    return broken(`${message} (get: ${describeError(err)})`);
  }
  if (now.toString() !== content) broken(`${message} (it holds ${show(now.toString().slice(0, 40))})`);
}
