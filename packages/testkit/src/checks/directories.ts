import type { Kit } from '../kit.js';
import { expectNotFound, listNames, must, putBytes, statOf } from '../ops.js';
import { broken, show } from '../violation.js';

export function registerDirectories(kit: Kit): void {
  kit.check('mkdir', 'mkdir creates parents, and succeeds again on an existing directory', async ({ dir }) => {
    const b = kit.backend;
    const path = `${dir}/x/y/z`;
    await must(`mkdir(${show(path)})`, () => b.mkdir(path));
    await must(`mkdir(${show(path)}) of an existing directory`, () => b.mkdir(path));
    if (!kit.caps.emptyDirs) return;
    for (const p of [`${dir}/x`, `${dir}/x/y`, path]) {
      const st = await statOf(b, p);
      if (st.kind !== 'dir') broken(`after mkdir(${show(path)}), ${show(p)} has kind ${show(st.kind)}, not "dir"`);
    }
  });

  kit.check('empty-dirs', 'an empty directory is listed if and only if emptyDirs is declared', async ({ dir, t }) => {
    const b = kit.backend;
    await putBytes(b, `${dir}/keep.txt`, 'keeps the folder');
    await must(`mkdir(${show(`${dir}/empty`)})`, () => b.mkdir(`${dir}/empty`));
    const listed = (await listNames(b, dir)).get('empty');
    if (kit.caps.emptyDirs && listed?.kind !== 'dir') {
      broken(`declares emptyDirs but the empty directory made by mkdir(${show(`${dir}/empty`)}) is not listed`);
    }
    if (!kit.caps.emptyDirs && listed) {
      broken('declares no emptyDirs but an empty directory made by mkdir is listed; declare emptyDirs: true');
    }
    t.diagnostic(`emptyDirs: ${kit.caps.emptyDirs}`);
  });

  kit.check('rmdir', 'rmdir removes an empty directory and refuses a non-empty one', async ({ dir }) => {
    const b = kit.backend;
    const empty = `${dir}/gone`;
    await must(`mkdir(${show(empty)})`, () => b.mkdir(empty));
    await must(`rmdir(${show(empty)})`, () => b.rmdir(empty));
    await expectNotFound(`stat(${show(empty)}) after rmdir`, () => b.stat(empty));
    const full = `${dir}/full`;
    await putBytes(b, `${full}/child.txt`, 'child');
    let removed = true;
    try {
      await b.rmdir(full);
    } catch {
      removed = false;
    }
    if (removed) broken(`rmdir(${show(full)}) succeeded on a directory that holds a file; it must reject`);
    if (!(await listNames(b, full)).has('child.txt')) broken(`rmdir(${show(full)}) was refused but lost the file inside`);
  });
}
