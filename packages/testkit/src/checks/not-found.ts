import type { Kit } from '../kit.js';
import { drain, expectNotFound, putBytes } from '../ops.js';
import { show } from '../violation.js';

/** The engine tells "missing" from "broken" only by NotFoundError, so every miss must be typed. */
export function registerNotFound(kit: Kit): void {
  kit.check('not-found', 'stat, get, delete and list (and listAll) of a missing path reject with NotFoundError', async ({ dir }) => {
    const b = kit.backend;
    await putBytes(b, `${dir}/present.txt`, 'here');
    const file = `${dir}/missing.txt`;
    const deep = `${dir}/no/such/file.txt`;
    await expectNotFound(`stat(${show(file)})`, () => b.stat(file));
    await expectNotFound(`stat(${show(deep)})`, () => b.stat(deep));
    await expectNotFound(`get(${show(file)})`, () => b.get(file));
    await expectNotFound(`delete(${show(file)})`, () => b.delete(file));
    await expectNotFound(`list(${show(`${dir}/nodir`)})`, () => drain(b.list(`${dir}/nodir`)));
    if (b.listAll) await expectNotFound(`listAll(${show(`${dir}/nodir`)})`, () => b.listAll!(`${dir}/nodir`));
  });
}
