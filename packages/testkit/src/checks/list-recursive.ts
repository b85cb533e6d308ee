import type { Backend, Entry } from '@rsyncish/core';
import type { Kit } from '../kit.js';
import { expectNotFound, must, putBytes } from '../ops.js';
import { broken, show } from '../violation.js';

/**
 * listRecursive() stands in for a walk of list() under --fast-list, so it must
 * give exactly the walk's entries: no fewer (a file the sync would miss, then
 * delete on the destination), no more, none twice.
 */
export function registerListRecursive(kit: Kit): void {
  kit.check('list-recursive', 'listRecursive, where present, yields exactly what walking list yields', async ({ dir, t }) => {
    const b = kit.backend;
    if (typeof b.listRecursive !== 'function') {
      t.diagnostic('no listRecursive(): --fast-list walks list() on this backend');
      return;
    }
    for (const p of ['top.txt', 'a/one.txt', 'a/b/two.txt', 'a/b/c/three.txt', 'a/b/c/four.txt', 'd/e/five.txt']) {
      await putBytes(b, `${dir}/${p}`, `content of ${p}`);
    }
    if (kit.caps.emptyDirs) await must(`mkdir(${show(`${dir}/empty/inner`)})`, () => b.mkdir(`${dir}/empty/inner`));

    for (const start of [dir, `${dir}/a`]) {
      const walked = await walkList(b, start);
      const listed = await must(`listRecursive(${show(start)})`, async () => {
        const out: Entry[] = [];
        for await (const e of b.listRecursive!(start)) out.push(e);
        return out;
      });
      const seen = new Set<string>();
      for (const e of listed) {
        if (seen.has(e.path)) broken(`listRecursive(${show(start)}) yielded ${show(e.path)} twice`);
        seen.add(e.path);
      }
      const key = (e: Entry) => JSON.stringify([e.path, e.kind, e.size, e.modTime ?? null, e.hashes ?? null]);
      const a = new Set(walked.map(key));
      const c = new Set(listed.map(key));
      const missing = [...a].filter((k) => !c.has(k));
      const extra = [...c].filter((k) => !a.has(k));
      if (missing.length > 0 || extra.length > 0) {
        broken(`listRecursive(${show(start)}) differs from a walk of list(): ${missing.length > 0 ? `missing ${missing.join(', ')}` : ''}${missing.length > 0 && extra.length > 0 ? '; ' : ''}${extra.length > 0 ? `extra ${extra.join(', ')}` : ''}`);
      }
    }
    await expectNotFound(`listRecursive(${show(`${dir}/no-such-dir`)})`, async () => {
      for await (const _ of b.listRecursive!(`${dir}/no-such-dir`)) { /* must throw before or while listing */ }
    });
  });
}

/** Every entry below `dir` through list(), one directory at a time, as the engine walks without --fast-list. */
async function walkList(b: Backend, dir: string): Promise<Entry[]> {
  const out: Entry[] = [];
  const dirs = [dir];
  for (let d = dirs.pop(); d !== undefined; d = dirs.pop()) {
    const at = d;
    const entries = await must(`list(${show(at)})`, async () => {
      const got: Entry[] = [];
      for await (const e of b.list(at)) got.push(e);
      return got;
    });
    for (const e of entries) {
      out.push(e);
      if (e.kind === 'dir') dirs.push(e.path);
    }
  }
  return out;
}
