import type { Kit } from '../kit.js';
import { expectNotFound, listNames, must, putBytes, readBack } from '../ops.js';
import { broken, show } from '../violation.js';

/**
 * A deleted file is gone from list and stat. Whether it went to a trash
 * (deleteIsTrash) cannot be seen through the contract; each backend tests that itself.
 */
export function registerDelete(kit: Kit): void {
  kit.check('delete', 'a deleted file is invisible to list, stat and get; its neighbours stay', async ({ dir }) => {
    const b = kit.backend;
    const path = `${dir}/doomed.txt`;
    await putBytes(b, path, 'doomed');
    await putBytes(b, `${dir}/neighbour.txt`, 'stays');
    await must(`delete(${show(path)})`, () => b.delete(path));
    const names = await listNames(b, dir);
    if (names.has('doomed.txt')) broken(`delete(${show(path)}) resolved but list still shows the file`);
    await expectNotFound(`stat(${show(path)}) after delete`, () => b.stat(path));
    await expectNotFound(`get(${show(path)}) after delete`, () => b.get(path));
    if (!names.has('neighbour.txt')) broken(`delete(${show(path)}) also removed ${show(`${dir}/neighbour.txt`)}`);
    if ((await readBack(b, `${dir}/neighbour.txt`)).toString() !== 'stays') broken('delete changed a neighbouring file');
  });
}
