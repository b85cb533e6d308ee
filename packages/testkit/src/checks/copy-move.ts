import type { Kit } from '../kit.js';
import { expectNotFound, listNames, must, putBytes, readBack } from '../ops.js';
import { broken, show } from '../violation.js';

/**
 * The one server-side copy and move, within one remote, behave like put: the
 * target's parents are made, an existing target is replaced. (server-side.ts
 * checks the rest of their promises.)
 */
export function registerCopyMove(kit: Kit): void {
  kit.check('copy', 'copyFrom within the remote makes an identical file, creating parents and replacing a target', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.copyFrom) return void t.diagnostic('no copyFrom(): the engine streams copies instead');
    const src = `${dir}/src.txt`;
    const dst = `${dir}/sub/dir/dst.txt`;
    await putBytes(b, src, 'copied content');
    const call = `copyFrom(${show(src)}, ${show(dst)})`;
    const entry = await must(call, () => b.copyFrom!(b, src, dst, { size: 14 }));
    if (entry === undefined) return void t.diagnostic("copyFrom can't copy within one remote: the engine streams");
    if (entry.path !== dst) broken(`${call} returned an entry with path ${show(entry.path)}`);
    if ((await readBack(b, dst)).toString() !== 'copied content') broken(`${call} made a file with different content`);
    if ((await readBack(b, src)).toString() !== 'copied content') broken(`${call} changed the source`);
    await putBytes(b, `${dir}/other.txt`, 'replacement');
    await must(`copyFrom onto an existing ${show(dst)}`, () => b.copyFrom!(b, `${dir}/other.txt`, dst, { size: 11 }));
    if ((await readBack(b, dst)).toString() !== 'replacement') broken(`copyFrom onto an existing ${show(dst)} did not replace it`);
  });

  kit.check('move', 'moveFrom within the remote renames a file, creating parents and replacing a target', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.moveFrom) return void t.diagnostic('no moveFrom(): the engine copies and deletes instead');
    const src = `${dir}/src.txt`;
    const dst = `${dir}/sub/dir/dst.txt`;
    await putBytes(b, src, 'moved content');
    const call = `moveFrom(${show(src)}, ${show(dst)})`;
    const entry = await must(call, () => b.moveFrom!(b, src, dst, {}));
    if (entry === undefined) return void t.diagnostic("moveFrom can't move within one remote: the engine copies and deletes");
    if (entry.path !== dst) broken(`${call} returned an entry with path ${show(entry.path)}`);
    if ((await readBack(b, dst)).toString() !== 'moved content') broken(`${call} made a file with different content`);
    await expectNotFound(`stat(${show(src)}) after ${call}`, () => b.stat(src));
    if ((await listNames(b, dir)).has('src.txt')) broken(`${call} left the source listed`);
    await putBytes(b, `${dir}/other.txt`, 'replacement');
    await must(`moveFrom onto an existing ${show(dst)}`, () => b.moveFrom!(b, `${dir}/other.txt`, dst, {}));
    if ((await readBack(b, dst)).toString() !== 'replacement') broken(`moveFrom onto an existing ${show(dst)} did not replace it`);
  });
}
