import type { Backend } from '@rsyncish/core';
import { ForeignBackend } from '../foreign-backend.js';
import type { Kit } from '../kit.js';
import { expectContent, expectNotFound, listNames, must, putBytes, statOf } from '../ops.js';
import { expectIntact, folderWithContent } from '../sample-folder.js';
import { broken, show } from '../violation.js';

/** A modtime with whole seconds, which every precision keeps. */
const MOD_TIME = Date.UTC(2021, 4, 6, 7, 8, 9);
const CANT = 'it must answer "can\'t" (undefined) so the engine streams instead';

/**
 * copyFrom, moveFrom and moveDirFrom as the engine calls them: within one
 * remote they do what a put (or a put and a delete) would, and from a remote
 * they cannot reach they answer "can't" and touch neither side, since the
 * engine then streams the file (or moves file by file) as if never asked.
 */
export function registerServerSide(kit: Kit): void {
  kit.check('copy-from', 'copyFrom within the remote copies exactly, keeps the source, replaces a target', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.copyFrom) return void t.diagnostic('no copyFrom(): the engine streams every copy');
    const src = `${dir}/src.txt`;
    const dst = `${dir}/sub/dst.txt`;
    await putBytes(b, src, 'copied server-side', { modTime: MOD_TIME });
    await putBytes(b, dst, 'previous version of the target');
    const call = `copyFrom(${show(src)}, ${show(dst)})`;
    const entry = await must(call, () => b.copyFrom!(b, src, dst, { size: 18, modTime: MOD_TIME }));
    if (entry === undefined) {
      t.diagnostic("copyFrom can't copy within one remote: the engine streams");
      await expectContent(b, dst, 'previous version of the target', `${call} answered "can't" but changed the target`);
      return;
    }
    if (entry.path !== dst) broken(`${call} returned an entry with path ${show(entry.path)}`);
    await expectContent(b, dst, 'copied server-side', `${call} resolved but the target does not hold the source's bytes`);
    await expectContent(b, src, 'copied server-side', `${call} changed its source`);
    await expectModTime(kit, b, dst, call);
    const other = `${dir}/other.txt`;
    await putBytes(b, other, 'other');
    const wrongSize = `copyFrom(${show(other)}, ${show(dst)}) stating 99 bytes for a 5-byte file`;
    try {
      await b.copyFrom(b, other, dst, { size: 99 });
    } catch {
      // Refused, as it must be; what matters is the target.
    }
    await expectContent(b, dst, 'copied server-side', `${wrongSize} replaced the target; a copy whose size is not the stated one must be refused before it replaces anything`);
  });

  kit.check('copy-from/cant', `copyFrom from a remote of another storage system answers can't and touches neither side`, async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.copyFrom) return void t.diagnostic('no copyFrom()');
    const { foreign, dst } = await cantSetup(b, dir);
    const call = `copyFrom(a remote of another storage system, "f/x.txt", ${show(dst)})`;
    const entry = await must(call, () => b.copyFrom!(foreign, 'f/x.txt', dst, { size: 7 }));
    if (entry !== undefined) broken(`${call} resolved an entry; ${CANT}, and the target would not be copied`);
    await expectContent(b, dst, 'previous', `${call} answered "can't" but changed the target`);
    expectForeignUntouched(foreign, call);
  });

  kit.check('move-from', 'moveFrom within the remote renames a file, keeps its modtime, replaces a target', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.moveFrom) return void t.diagnostic('no moveFrom(): the engine copies and deletes');
    const src = `${dir}/src.txt`;
    const dst = `${dir}/sub/dst.txt`;
    await putBytes(b, src, 'moved server-side', { modTime: MOD_TIME });
    await putBytes(b, dst, 'previous version of the target');
    const call = `moveFrom(${show(src)}, ${show(dst)})`;
    const entry = await must(call, () => b.moveFrom!(b, src, dst, {}));
    if (entry === undefined) {
      t.diagnostic("moveFrom can't move within one remote: the engine copies and deletes");
      await expectContent(b, src, 'moved server-side', `${call} answered "can't" but changed the source`);
      await expectContent(b, dst, 'previous version of the target', `${call} answered "can't" but changed the target`);
      return;
    }
    if (entry.path !== dst) broken(`${call} returned an entry with path ${show(entry.path)}`);
    await expectContent(b, dst, 'moved server-side', `${call} resolved but the target does not hold the source's bytes`);
    await expectNotFound(`stat(${show(src)}) after ${call}`, () => b.stat(src));
    if ((await listNames(b, dir)).has('src.txt')) broken(`${call} left the source listed`);
    await expectModTime(kit, b, dst, call);
  });

  kit.check('move-from/cant', `moveFrom from a remote of another storage system answers can't and touches neither side`, async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.moveFrom) return void t.diagnostic('no moveFrom()');
    const { foreign, dst } = await cantSetup(b, dir);
    const call = `moveFrom(a remote of another storage system, "f/x.txt", ${show(dst)})`;
    const entry = await must(call, () => b.moveFrom!(foreign, 'f/x.txt', dst, {}));
    if (entry !== undefined) broken(`${call} resolved an entry; ${CANT}`);
    await expectContent(b, dst, 'previous', `${call} answered "can't" but changed the target`);
    expectForeignUntouched(foreign, call);
  });

  kit.check('move-dir-from', 'moveDirFrom within the remote moves a whole directory, or answers why not', async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.moveDirFrom) return void t.diagnostic('no moveDirFrom(): the engine moves file by file');
    const tree = await folderWithContent(b, `${dir}/tree`);
    const to = `${dir}/moved`;
    const call = `moveDirFrom(${show(tree.path)}, ${show(to)})`;
    const result = await must(call, () => b.moveDirFrom!(b, tree.path, to));
    if (!result.moved) {
      if (typeof result.why !== 'string' || result.why === '') broken(`${call} answered moved: false without saying why`);
      t.diagnostic(`moveDirFrom can't: ${result.why}`);
      await expectIntact(b, tree, `${call} answered moved: false but`);
      return;
    }
    for (const [path, content] of tree.files) {
      const moved = `${to}${path.slice(tree.path.length)}`;
      await expectContent(b, moved, content, `${call} resolved moved: true but ${show(moved)} does not hold what ${show(path)} held`);
    }
    await expectNotFound(`stat(${show(tree.path)}) after ${call}`, () => b.stat(tree.path));
    const kind = (await statOf(b, to)).kind;
    if (kind !== 'dir') broken(`after ${call}, ${show(to)} has kind ${show(kind)}, not "dir"`);
  });

  kit.check('move-dir-from/cant', `moveDirFrom from a remote of another storage system answers can't and touches neither side`, async ({ dir, t }) => {
    const b = kit.backend;
    if (!b.moveDirFrom) return void t.diagnostic('no moveDirFrom()');
    const { foreign } = await cantSetup(b, dir);
    const to = `${dir}/moved`;
    const call = `moveDirFrom(a remote of another storage system, "f", ${show(to)})`;
    const result = await must(call, () => b.moveDirFrom!(foreign, 'f', to));
    if (result.moved) broken(`${call} resolved moved: true; it must answer { moved: false, why } so the engine moves file by file`);
    await expectNotFound(`stat(${show(to)}) after ${call} answered moved: false`, () => b.stat(to));
    expectForeignUntouched(foreign, call);
  });
}

/** A remote the backend cannot reach server-side, holding f/x.txt, and a target that already exists here. */
async function cantSetup(b: Backend, dir: string): Promise<{ foreign: ForeignBackend; dst: string }> {
  const foreign = new ForeignBackend();
  foreign.files.set('f/x.txt', Buffer.from('foreign'));
  const dst = `${dir}/dst.txt`;
  await putBytes(b, dst, 'previous');
  return { foreign, dst };
}

function expectForeignUntouched(foreign: ForeignBackend, call: string): void {
  const left = foreign.files.get('f/x.txt');
  if (left?.toString() !== 'foreign' || foreign.files.size !== 1) broken(`${call} changed the other remote's files`);
}

/** Server-side copies and moves keep the source's modtime, as put stores the one it is given. */
async function expectModTime(kit: Kit, b: Backend, path: string, call: string): Promise<void> {
  const { read, write, precisionMs } = kit.caps.modTime;
  if (!read || !write) return;
  const got = (await statOf(b, path)).modTime;
  if (got === undefined || Math.abs(got - MOD_TIME) > Math.max(precisionMs, 1)) {
    broken(`${call} did not keep the source's modtime: ${got === undefined ? 'none' : new Date(got).toISOString()} instead of ${new Date(MOD_TIME).toISOString()}`);
  }
}
