import { Readable } from 'node:stream';
import type { Backend } from '@rsyncish/core';
import type { Kit } from '../kit.js';
import { expectContent, putBytes, typedCode } from '../ops.js';
import { expectIntact, folderWithContent, type SampleFolder } from '../sample-folder.js';
import { broken, show } from '../violation.js';

/**
 * A file operation aimed at a directory's name (a sync where a folder became
 * a file, a typo in deletefile) must be refused with a typed error, and must
 * never delete or replace what the directory holds. A server-side copy or move
 * may instead answer "can't": the engine then streams with put, checked here too.
 */
export function registerOverDirectory(kit: Kit): void {
  kit.check('over-directory/delete', 'delete of a directory name rejects with a typed error; its files stay', async ({ dir }) => {
    const b = kit.backend;
    const folder = await folderWithContent(b, `${dir}/folder`);
    await expectRefused(b, folder, `delete(${show(folder.path)}) of a directory`, () => b.delete(folder.path));
  });

  kit.check('over-directory/put', 'put over a directory name rejects with a typed error; its files stay', async ({ dir }) => {
    const b = kit.backend;
    const folder = await folderWithContent(b, `${dir}/folder`);
    const data = Buffer.from('a file where a directory is');
    await expectRefused(b, folder, `put(${show(folder.path)}) over a directory`, () => b.put(folder.path, Readable.from([data]), { size: data.length }));
  });

  kit.check('over-directory/copy-from', "copyFrom onto a directory name rejects with a typed error or answers can't; its files stay", async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.copyFrom) return void t.diagnostic('no copyFrom()');
    const src = `${dir}/src.txt`;
    await putBytes(b, src, 'source');
    const folder = await folderWithContent(b, `${dir}/folder`);
    const what = `copyFrom(${show(src)}, ${show(folder.path)}) onto a directory`;
    await expectRefused(b, folder, what, () => b.copyFrom!(b, src, folder.path, { size: 6 }), { cantAllowed: true });
    await expectContent(b, src, 'source', `${what} changed its source`);
  });

  kit.check('over-directory/move-from', "moveFrom onto a directory name rejects with a typed error or answers can't; both sides stay", async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.moveFrom) return void t.diagnostic('no moveFrom()');
    const src = `${dir}/src.txt`;
    await putBytes(b, src, 'source');
    const folder = await folderWithContent(b, `${dir}/folder`);
    const what = `moveFrom(${show(src)}, ${show(folder.path)}) onto a directory`;
    await expectRefused(b, folder, what, () => b.moveFrom!(b, src, folder.path, {}), { cantAllowed: true });
    await expectContent(b, src, 'source', `${what} failed but lost its source`);
  });

  kit.check('over-directory/move-dir-from', 'moveDirFrom onto an existing directory answers moved: false or rejects; both stay', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.moveDirFrom) return void t.diagnostic('no moveDirFrom()');
    const src = await folderWithContent(b, `${dir}/tree`);
    const folder = await folderWithContent(b, `${dir}/folder`);
    const what = `moveDirFrom(${show(src.path)}, ${show(folder.path)}) onto an existing directory`;
    let result;
    try {
      result = await b.moveDirFrom(b, src.path, folder.path);
    } catch (err) {
      typedCode(what, err);
    }
    await expectIntact(b, folder, what);
    await expectIntact(b, src, `${what} (its source)`);
    if (result?.moved) broken(`${what} resolved moved: true; it must answer { moved: false, why } so the engine merges file by file`);
  });
}

/**
 * The directory's content is checked first, so a backend that destroys it is
 * reported for that; then the refusal must be a typed rejection, or for a
 * server-side copy or move "can't" (undefined), never a result.
 */
async function expectRefused(b: Backend, folder: SampleFolder, what: string, action: () => Promise<unknown>, { cantAllowed = false } = {}): Promise<void> {
  let outcome: { result: unknown } | { error: unknown };
  try {
    outcome = { result: await action() };
  } catch (error) {
    outcome = { error };
  }
  if ('result' in outcome && outcome.result && typeof outcome.result === 'object' && 'destroy' in outcome.result) (outcome.result as Readable).destroy();
  await expectIntact(b, folder, what);
  if ('error' in outcome) {
    typedCode(what, outcome.error);
    return;
  }
  if (cantAllowed && outcome.result === undefined) return;
  broken(`${what} resolved; it must reject with a typed error${cantAllowed ? ' (or answer undefined, "can\'t")' : ''}`);
}
