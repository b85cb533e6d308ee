import type { Backend, Entry } from '../contract/index.js';
import { isNotFound, partialListingOf } from '../errors/index.js';
import { assertSafeName, baseName } from '../paths/index.js';

/**
 * Read one directory whole, validating every name the backend returns: an entry
 * whose name could escape the root is reported through `onBadEntry` and dropped,
 * so it can never be joined into a path. Entries the backend could not list
 * (PartialListingError) go to `onBadEntry` one by one, and the directory's
 * other entries are kept. `missingOk` turns NotFound into [].
 */
export async function listDir(
  backend: Backend,
  dir: string,
  onBadEntry: (err: Error, name: string) => void,
  missingOk = false,
): Promise<Entry[]> {
  const out: Entry[] = [];
  const prefix = dir === '' ? '' : `${dir}/`;
  const where = dir === '' ? `${backend.name} root` : `${backend.name} "${dir}"`;
  try {
    for (const e of await entriesOf(backend, dir, onBadEntry)) {
      const inside = e.path.startsWith(prefix);
      const name = inside ? e.path.slice(prefix.length) : baseName(e.path);
      try {
        assertSafeName(name, where);
        if (!inside) throw new Error(`entry path ${JSON.stringify(e.path)} is not inside ${JSON.stringify(dir)}`);
      } catch (err) {
        onBadEntry(err as Error, name);
        continue;
      }
      out.push(e);
    }
  } catch (err) {
    if (missingOk && isNotFound(err)) return [];
    throw err;
  }
  return out;
}

/** The backend's listing of `dir`; a partial one gives its good entries, its failures reported. */
async function entriesOf(backend: Backend, dir: string, onBadEntry: (err: Error, name: string) => void): Promise<Entry[]> {
  try {
    return backend.listAll ? await backend.listAll(dir) : await collect(backend.list(dir));
  } catch (err) {
    const partial = partialListingOf(err);
    if (!partial) throw err;
    for (const f of partial.failures) onBadEntry(f.error, f.name);
    return partial.listed;
  }
}

async function collect(entries: AsyncIterable<Entry>): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const e of entries) out.push(e);
  return out;
}
