import { capabilitiesOf, type Backend, type BackendDefinition, type Capabilities, type Entry } from '../contract/index.js';
import { isNotFound } from '../errors/index.js';

/** The contract version plugins built before copyFrom/moveFrom declare. */
export const V1_API_VERSION = 1;

/** What a version 1 backend may have that version 2 dropped or renamed. */
interface V1Backend extends Backend {
  copy?(src: string, dst: string): Promise<Entry>;
  move?(src: string, dst: string): Promise<Entry>;
}

type V1Capabilities = Capabilities & { recursiveList?: unknown };

/**
 * A definition built for backend API version 1, made to look like version 2:
 * its backends' `copy`/`move` answer as copyFrom/moveFrom for a source on the
 * same opened remote (and "can't" for any other), and the capability flags
 * version 2 derives from methods are derived, not taken on trust.
 */
export function adaptV1Definition(def: BackendDefinition): BackendDefinition {
  const { recursiveList: _unread, ...capabilities } = def.capabilities as V1Capabilities;
  return {
    ...def,
    apiVersion: 2,
    capabilities,
    create: async (ctx) => adaptV1Backend((await def.create(ctx)) as V1Backend),
  };
}

/**
 * Wrap one opened version 1 backend. A Proxy rather than a class, so that
 * exactly the optional methods the backend has are present (the engine and
 * capabilitiesOf read method presence), and `instanceof` checks inside the
 * plugin still see its own class.
 */
export function adaptV1Backend(backend: V1Backend): Backend {
  const copyFrom = backend.copy || backend.copyFrom ? adaptedCopyFrom(backend) : undefined;
  const moveFrom = backend.move || backend.moveFrom ? adaptedMoveFrom(backend) : undefined;
  const { recursiveList: _unread, ...declared } = backend.capabilities as V1Capabilities;
  const capabilities: Capabilities = capabilitiesOf({ capabilities: declared, listRecursive: backend.listRecursive, copyFrom, moveFrom });
  let proxy: Backend;
  const self = (src: Backend) => src === proxy || src === backend;
  const replaced: Record<string, unknown> = {
    capabilities,
    copy: undefined,
    move: undefined,
    copyFrom: copyFrom && ((src: Backend, srcPath: string, dstPath: string, options: CopyOptions) => copyFrom(self(src), src, srcPath, dstPath, options)),
    moveFrom: moveFrom && ((src: Backend, srcPath: string, dstPath: string, options: { signal?: AbortSignal }) => moveFrom(self(src), src, srcPath, dstPath, options)),
  };
  proxy = new Proxy(backend, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key in replaced) return replaced[key];
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    has(target, key) {
      if (typeof key === 'string' && key in replaced) return replaced[key] !== undefined;
      return Reflect.has(target, key);
    },
  });
  return proxy;
}

type CopyOptions = { size: number; modTime?: number; modTimeNanos?: number; signal?: AbortSignal };

/**
 * Version 1's copy(src, dst) never promised what copyFrom promises (refusing a
 * source whose size changed, never replacing a directory, keeping the modtime),
 * so those are checked around it; where they do not hold the answer is "can't"
 * and the engine streams, with its own checks.
 */
function adaptedCopyFrom(b: V1Backend) {
  return async (same: boolean, src: Backend, srcPath: string, dstPath: string, options: CopyOptions): Promise<Entry | undefined> => {
    const native = await b.copyFrom?.(src, srcPath, dstPath, options);
    if (native || !same || !b.copy) return native;
    options.signal?.throwIfAborted();
    const from = await b.stat(srcPath);
    if (from.kind !== 'file' || (options.size >= 0 && from.size !== options.size)) return undefined;
    if (await isDirectory(b, dstPath)) return undefined;
    const entry = await b.copy(srcPath, dstPath);
    if (options.modTime === undefined || !b.setModTime || entry.modTime === options.modTime) return entry;
    await b.setModTime(dstPath, options.modTime, options.modTimeNanos);
    return b.stat(dstPath);
  };
}

/** Version 1's move(src, dst), for a source on this remote; never over a directory. */
function adaptedMoveFrom(b: V1Backend) {
  return async (same: boolean, src: Backend, srcPath: string, dstPath: string, options: { signal?: AbortSignal }): Promise<Entry | undefined> => {
    const native = await b.moveFrom?.(src, srcPath, dstPath, options);
    if (native || !same || !b.move) return native;
    options.signal?.throwIfAborted();
    if ((await b.stat(srcPath)).kind !== 'file' || (await isDirectory(b, dstPath))) return undefined;
    return b.move(srcPath, dstPath);
  };
}

async function isDirectory(b: Backend, path: string): Promise<boolean> {
  try {
    return (await b.stat(path)).kind === 'dir';
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
