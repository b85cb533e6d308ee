import type { Kit } from '../kit.js';
import { expectNotFound, listNames, must, putBytes, readBack } from '../ops.js';
import { broken, show } from '../violation.js';

/** Server-side copy and move, when present, behave like put: parents made, a target replaced. */
export function registerCopyMove(kit: Kit): void {
  kit.check('copy', 'copy makes an identical file, creating parents and replacing a target', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.copy) {
      if (kit.caps.serverSideCopy) broken('declares serverSideCopy but has no copy() method');
      t.diagnostic('no copy(): the engine streams copies instead');
      return;
    }
    const src = `${dir}/src.txt`;
    const dst = `${dir}/sub/dir/dst.txt`;
    await putBytes(b, src, 'copied content');
    const entry = await must(`copy(${show(src)}, ${show(dst)})`, () => b.copy!(src, dst));
    if (entry.path !== dst) broken(`copy(${show(src)}, ${show(dst)}) returned an entry with path ${show(entry.path)}`);
    if ((await readBack(b, dst)).toString() !== 'copied content') broken(`copy(${show(src)}, ${show(dst)}) made a file with different content`);
    if ((await readBack(b, src)).toString() !== 'copied content') broken(`copy(${show(src)}, ${show(dst)}) changed the source`);
    await putBytes(b, `${dir}/other.txt`, 'replacement');
    await must(`copy onto an existing ${show(dst)}`, () => b.copy!(`${dir}/other.txt`, dst));
    if ((await readBack(b, dst)).toString() !== 'replacement') broken(`copy onto an existing ${show(dst)} did not replace it`);
  });

  kit.check('move', 'move renames a file, creating parents and replacing a target', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.move) {
      if (kit.caps.serverSideMove) broken('declares serverSideMove but has no move() method');
      t.diagnostic('no move(): the engine copies and deletes instead');
      return;
    }
    const src = `${dir}/src.txt`;
    const dst = `${dir}/sub/dir/dst.txt`;
    await putBytes(b, src, 'moved content');
    const entry = await must(`move(${show(src)}, ${show(dst)})`, () => b.move!(src, dst));
    if (entry.path !== dst) broken(`move(${show(src)}, ${show(dst)}) returned an entry with path ${show(entry.path)}`);
    if ((await readBack(b, dst)).toString() !== 'moved content') broken(`move(${show(src)}, ${show(dst)}) made a file with different content`);
    await expectNotFound(`stat(${show(src)}) after move`, () => b.stat(src));
    if ((await listNames(b, dir)).has('src.txt')) broken(`move(${show(src)}, ${show(dst)}) left the source listed`);
    await putBytes(b, `${dir}/other.txt`, 'replacement');
    await must(`move onto an existing ${show(dst)}`, () => b.move!(`${dir}/other.txt`, dst));
    if ((await readBack(b, dst)).toString() !== 'replacement') broken(`move onto an existing ${show(dst)} did not replace it`);
  });
}
