import type { Kit } from '../kit.js';
import { expectContent, expectNotFound, expectTypedRejection, listNames, must, putBytes, readBack } from '../ops.js';
import { broken, show } from '../violation.js';

/**
 * purge, when present, removes one directory with everything in it and
 * nothing beside it; locate, when present, answers the same for its root
 * every time, since the engine refuses overlapping roots from it alone.
 */
export function registerPurgeLocate(kit: Kit): void {
  kit.check('purge', 'purge removes a directory and everything in it; its neighbours stay; a file name or a missing one is refused', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.purge) {
      t.diagnostic('no purge(): the engine deletes file by file instead');
      return;
    }
    const doomed = `${dir}/doomed`;
    await putBytes(b, `${doomed}/a.txt`, 'a');
    await putBytes(b, `${doomed}/deep/b.txt`, 'b');
    await putBytes(b, `${dir}/doomed-not.txt`, 'stays');
    await must(`purge(${show(doomed)})`, () => b.purge!(doomed));
    await expectNotFound(`stat(${show(`${doomed}/deep/b.txt`)}) after purge`, () => b.stat(`${doomed}/deep/b.txt`));
    await expectNotFound(`get(${show(`${doomed}/a.txt`)}) after purge`, () => b.get(`${doomed}/a.txt`));
    await expectNotFound(`stat(${show(doomed)}) after purge`, () => b.stat(doomed));
    const names = await listNames(b, dir);
    if (names.has('doomed')) broken(`purge(${show(doomed)}) resolved but list still shows the directory`);
    if ((await readBack(b, `${dir}/doomed-not.txt`)).toString() !== 'stays') broken(`purge(${show(doomed)}) touched a neighbouring file`);
    // A file is not a directory: purge of its name must not remove it.
    const file = `${dir}/doomed-not.txt`;
    const refusal = expectTypedRejection(`purge(${show(file)}) of a file`, () => b.purge!(file));
    // The file is looked at first, so a purge that removes it is reported for that.
    const outcome = await refusal.then(() => undefined, (violation: unknown) => violation);
    await expectContent(b, file, 'stays', `purge(${show(file)}) of a file removed or changed the file`);
    if (outcome) throw outcome;
    await expectNotFound(`purge(${show(`${dir}/missing`)}) of a missing directory`, () => b.purge!(`${dir}/missing`));
  });

  kit.check('locate', 'locate gives a well-formed location, the same after writes below the root', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.locate) {
      t.diagnostic('no locate(): roots are located by backend type, remote name and path');
      return;
    }
    const here = await must('locate()', () => b.locate!());
    if (typeof here.store !== 'string' || here.store === '') broken(`locate() gave store ${show(String(here.store))}; it must name the storage`);
    if (typeof here.path !== 'string') broken('locate() gave no path');
    if (typeof here.caseInsensitive !== 'boolean') broken('locate() gave no caseInsensitive');
    await putBytes(b, `${dir}/made/after.txt`, 'written after the first locate');
    const again = await must('locate() a second time', () => b.locate!());
    if (again.store !== here.store || again.path !== here.path) {
      broken(`locate() moved from ${show(`${here.store} ${here.path}`)} to ${show(`${again.store} ${again.path}`)} after a few writes`);
    }
  });
}
