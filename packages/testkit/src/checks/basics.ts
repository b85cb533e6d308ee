import type { Kit } from '../kit.js';
import { listNames, putBytes, readBack, statOf } from '../ops.js';
import { broken, show } from '../violation.js';

/** put, stat, list and get agree with each other about one ordinary file. */
export function registerBasics(kit: Kit): void {
  kit.check('put-get', 'a put file is returned by put, stat, list and get alike', async ({ dir }) => {
    const b = kit.backend;
    const path = `${dir}/hello.txt`;
    const content = Buffer.from('hello, conformance\n');
    const put = await putBytes(b, path, content);
    if (put.path !== path) broken(`put(${show(path)}) returned an entry with path ${show(put.path)}`);
    if (put.kind !== 'file') broken(`put(${show(path)}) returned an entry of kind ${show(put.kind)}, not "file"`);
    if (put.size !== content.length) broken(`put(${show(path)}) of ${content.length} bytes returned size ${put.size}`);
    const st = await statOf(b, path);
    if (st.path !== path || st.kind !== 'file' || st.size !== content.length) {
      broken(`stat(${show(path)}) gave ${JSON.stringify({ path: st.path, kind: st.kind, size: st.size })} after a put of ${content.length} bytes`);
    }
    const listed = (await listNames(b, dir)).get('hello.txt');
    if (!listed) broken(`file ${show(path)} was lost: not listed after put`);
    if (listed.kind !== 'file' || listed.size !== content.length) {
      broken(`list(${show(dir)}) gave kind ${listed.kind} size ${listed.size} for a ${content.length}-byte file`);
    }
    const back = await readBack(b, path);
    if (!back.equals(content)) broken(`get(${show(path)}) returned ${back.length} bytes that differ from the ${content.length} put`);
  });

  kit.check('overwrite', 'a second put of a name replaces the first', async ({ dir }) => {
    const b = kit.backend;
    const path = `${dir}/again.txt`;
    await putBytes(b, path, 'first version, longer than the second');
    await putBytes(b, path, 'second');
    const back = await readBack(b, path);
    if (back.toString() !== 'second') broken(`after overwriting ${show(path)}, get returned ${show(back.toString())} instead of "second"`);
    const st = await statOf(b, path);
    if (st.size !== 6) broken(`after overwriting ${show(path)} with 6 bytes, stat gave size ${st.size}`);
    const names = [...(await listNames(b, dir)).keys()];
    if (names.length !== 1) broken(`after overwriting ${show(path)}, list shows ${JSON.stringify(names)} instead of one file`);
  });

  kit.check('ranges', 'get with a range returns exactly those bytes', async ({ dir }) => {
    const b = kit.backend;
    const path = `${dir}/range.bin`;
    const content = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
    await putBytes(b, path, content);
    const ranges: { start: number; end?: number }[] = [
      { start: 0, end: 10 },
      { start: 10, end: 20 },
      { start: 90 },
      { start: 99, end: 100 },
      { start: 0 },
    ];
    for (const range of ranges) {
      const want = content.subarray(range.start, range.end);
      const got = await readBack(b, path, range);
      if (!got.equals(want)) {
        broken(`get(${show(path)}, range ${range.start}-${range.end ?? 'end'}) returned ${got.length} bytes [${[...got.subarray(0, 4)].join(',')}…] instead of ${want.length} bytes [${[...want.subarray(0, 4)].join(',')}…]`);
      }
    }
  });

  kit.check('empty-file', 'a zero-byte file is stored, listed and read back', async ({ dir }) => {
    const b = kit.backend;
    const path = `${dir}/empty`;
    const put = await putBytes(b, path, '');
    if (put.size !== 0) broken(`put(${show(path)}) of 0 bytes returned size ${put.size}`);
    const listed = (await listNames(b, dir)).get('empty');
    if (!listed) broken(`empty file ${show(path)} was lost: not listed after put`);
    if (listed.size !== 0) broken(`list gave size ${listed.size} for an empty file`);
    if ((await statOf(b, path)).size !== 0) broken(`stat(${show(path)}) gave a non-zero size for an empty file`);
    const back = await readBack(b, path);
    if (back.length !== 0) broken(`get(${show(path)}) of an empty file returned ${back.length} bytes`);
  });

  kit.check('nested', 'put creates every missing parent directory', async ({ dir }) => {
    const b = kit.backend;
    const parents = [`${dir}/a`, `${dir}/a/b`, `${dir}/a/b/c`, `${dir}/a/b/c/d`];
    const path = `${parents[3]}/deep.txt`;
    await putBytes(b, path, 'deep');
    for (const p of parents) {
      const st = await statOf(b, p);
      if (st.kind !== 'dir') broken(`after put(${show(path)}), parent ${show(p)} has kind ${show(st.kind)}, not "dir"`);
    }
    const top = (await listNames(b, dir)).get('a');
    if (!top || top.kind !== 'dir') broken(`after put(${show(path)}), list(${show(dir)}) does not show directory "a"`);
    if (!(await listNames(b, parents[3])).has('deep.txt')) broken(`file ${show(path)} was lost: not listed after put`);
    if ((await readBack(b, path)).toString() !== 'deep') broken(`get(${show(path)}) did not return what was put`);
  });
}
