// What the safety tests compare: every file of a tree (local disk or the ACD
// emulator) as path -> {size, md5}, and the no-loss rule between a snapshot
// taken before a command and one taken after it.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const md5 = (buf) => createHash('md5').update(buf).digest('hex');

/** The local backend's temp names: `.<name>.<6 hex>.partial` or `.rsyncish.<12 hex>.partial`. */
export const isTempName = (path) => /(^|\/)\.(.+\.[0-9a-f]{6}|rsyncish\.[0-9a-f]{12})\.partial$/.test(path);

/** Every regular file under `root` as Map(relative path -> {size, md5}); a missing root is empty. */
export function snapshotLocal(root) {
  const out = new Map();
  const walk = (dir, rel) => {
    let names;
    try {
      names = readdirSync(dir);
    } catch (err) {
      if (err.code === 'ENOENT' && rel === '') return;
      throw err;
    }
    for (const name of names.sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p, r);
      else if (st.isFile()) out.set(r, { size: st.size, md5: md5(readFileSync(p)) });
    }
  };
  walk(root, '');
  return out;
}

/**
 * Every file the ACD emulator holds under the folder at `folderPath` (`a/b`,
 * '' for the root), from its node table: Map(relative path -> {size, md5}).
 * Trashed nodes are left out; files of an upload not yet visible in listings
 * are in (they exist). `status` 'TRASH' lists the trashed files instead.
 */
export function snapshotAcd(control, folderPath, { status = 'AVAILABLE' } = {}) {
  const nodes = control.nodes();
  const children = new Map();
  let root;
  for (const n of nodes) {
    if (n.isRoot) root = n;
    for (const parent of n.parents ?? []) {
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(n);
    }
  }
  const out = new Map();
  let folder = root;
  for (const part of folderPath.split('/').filter(Boolean)) {
    folder = (children.get(folder.id) ?? []).find((n) => n.kind === 'FOLDER' && n.status === 'AVAILABLE' && n.name === part);
    if (!folder) return out;
  }
  const walk = (id, rel, inTrash) => {
    for (const n of children.get(id) ?? []) {
      const r = rel ? `${rel}/${n.name}` : n.name;
      const trashed = inTrash || n.status === 'TRASH';
      if (n.kind === 'FOLDER') walk(n.id, r, trashed);
      else if (n.kind === 'FILE' && (status === 'TRASH' ? trashed : !trashed && n.status === 'AVAILABLE')) {
        out.set(r, { size: n.contentProperties.size, md5: n.contentProperties.md5 });
      }
    }
  };
  walk(folder.id, '', false);
  return out;
}

/**
 * The promise every command keeps, whatever fault hit it: each destination
 * file that existed before still has its old content, has the source's true
 * content (`valid`: path -> md5 of what a verified copy holds), or — sync only
 * — is gone because the source lacks it. A new destination file has the
 * source's true content; a temp name is allowed only after a SIGKILL. Source
 * files are never changed, and move removes one only once the destination
 * holds its content. Returns the broken promises, one line each.
 */
export function lossReport({ mode, srcBefore, srcAfter, dstBefore, dstAfter, valid, scope, killed }) {
  const problems = [];
  const inScope = (p) => !scope || scope.has(p);
  for (const [p, old] of dstBefore) {
    const now = dstAfter.get(p);
    if (!now) {
      if (!(mode === 'sync' && !valid.has(p))) problems.push(`${p}: existed at the destination and is gone`);
    } else if (now.md5 !== old.md5 && now.md5 !== valid.get(p)) {
      problems.push(`${p}: destination content replaced by bytes that are neither the old nor the source's (${now.size} bytes, md5 ${now.md5})`);
    }
  }
  for (const [p, now] of dstAfter) {
    if (dstBefore.has(p)) continue;
    if (isTempName(p)) {
      if (killed !== 'SIGKILL') problems.push(`${p}: temp file left behind${killed ? ` after ${killed}` : ''}`);
    } else if (now.md5 !== valid.get(p)) {
      problems.push(`${p}: new destination file does not hold the source's content (${now.size} bytes, md5 ${now.md5})`);
    }
  }
  for (const [p, was] of srcBefore) {
    const now = srcAfter.get(p);
    if (now && now.md5 !== was.md5) problems.push(`${p}: source file changed`);
    if (now) continue;
    if ((mode === 'move' || mode === 'moveto') && inScope(p)) {
      if (dstAfter.get(p)?.md5 !== valid.get(p)) problems.push(`${p}: source removed but the destination does not hold its content`);
    } else {
      problems.push(`${p}: source file is gone`);
    }
  }
  return problems;
}
