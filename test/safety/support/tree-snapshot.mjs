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
 * Every file node of the ACD emulator with its path from the root and whether
 * it is live: AVAILABLE itself and in AVAILABLE folders (the children of a
 * trashed folder keep their own status but are in the trash with it).
 */
export function acdFileNodes(control) {
  const nodes = control.nodes();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = [];
  for (const node of nodes) {
    if (node.kind !== 'FILE') continue;
    const parts = [];
    let live = node.status === 'AVAILABLE';
    let trashed = node.status === 'TRASH';
    for (let p = node; p && !p.isRoot; p = byId.get(p.parents[0])) {
      parts.unshift(p.name);
      if (p !== node && p.status !== 'AVAILABLE') live = false;
      if (p.status === 'TRASH') trashed = true;
    }
    out.push({ path: parts.join('/'), node, live, trashed });
  }
  return out;
}

/**
 * Every file the ACD emulator holds under the folder at `folderPath` (`a/b`,
 * '' for the root) as Map(relative path -> {size, md5}): the live ones, or
 * with `status` 'TRASH' the trashed ones. Files of an upload not yet visible
 * in listings are in (they exist).
 */
export function snapshotAcd(control, folderPath = '', { status = 'AVAILABLE' } = {}) {
  const prefix = folderPath === '' ? '' : `${folderPath.replace(/\/+$/, '')}/`;
  const out = new Map();
  for (const { path, node, live, trashed } of acdFileNodes(control)) {
    if (!(status === 'TRASH' ? trashed : live) || !path.startsWith(prefix)) continue;
    out.set(path.slice(prefix.length), { size: node.contentProperties.size, md5: node.contentProperties.md5 });
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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
