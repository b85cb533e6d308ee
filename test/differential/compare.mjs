// What a differential case compares between rclone's and rsyncish's runs:
// the final trees (bytes, modtimes to the second, folders empty or not), the
// exit codes, and check's --combined report. Each difference is a divergence
// {kind, signature, detail}: `kind` is 'exit', 'tree' or 'report'; the
// signature names the class (the same for every case that diverges the same
// way) and the detail names the paths.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every entry under `root` as Map(path -> {type, size, md5, sec}); folders are {type: 'folder'}. */
export function snapshotTree(root) {
  const out = new Map();
  const walk = (dir, rel) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isDirectory()) {
        out.set(r, { type: 'folder' });
        walk(p, r);
      } else if (st.isFile()) {
        out.set(r, { type: 'file', size: st.size, md5: createHash('md5').update(readFileSync(p)).digest('hex'), sec: Math.floor(st.mtimeMs / 1000) });
      } else {
        out.set(r, { type: 'other' });
      }
    }
  };
  walk(root, '');
  return out;
}

/** The differences between rclone's and rsyncish's copy of one side (`src` or `dst`). */
export function treeDivergences(command, sideName, rclone, rsyncish) {
  const found = new Map();
  const note = (what, path) => {
    const signature = `tree: ${command} ${sideName}: ${what}`;
    if (!found.has(signature)) found.set(signature, []);
    found.get(signature).push(path);
  };
  for (const path of new Set([...rclone.keys(), ...rsyncish.keys()])) {
    const [a, b] = [rclone.get(path), rsyncish.get(path)];
    if (!b) note(`a ${a.type} only rclone has`, path);
    else if (!a) note(`a ${b.type} only rsyncish has`, path);
    else if (a.type !== b.type) note(`a ${a.type} at rclone's, a ${b.type} at rsyncish's`, path);
    else if (a.type === 'file' && a.md5 !== b.md5) note('a file with other bytes', path);
    else if (a.type === 'file' && a.sec !== b.sec) note('a file with another modtime (to the second)', path);
  }
  return [...found].map(([signature, paths]) => ({ kind: 'tree', signature, detail: paths.join(', ') }));
}

export function exitDivergences(command, rclone, rsyncish) {
  if (rclone.code === rsyncish.code) return [];
  const code = (r) => (r.stuck ? 'stuck (killed)' : String(r.code));
  return [{ kind: 'exit', signature: `exit: ${command} rclone ${code(rclone)}, rsyncish ${code(rsyncish)}`, detail: rsyncish.stderrTail }];
}

/** check's --combined report as sorted lines, or undefined when it was not written. */
export function readReport(path) {
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).sort();
}

export function reportDivergences(rclone, rsyncish) {
  if (rclone === undefined && rsyncish === undefined) return [];
  if (rclone === undefined || rsyncish === undefined) {
    return [{ kind: 'report', signature: `report: check --combined written only by ${rclone ? 'rclone' : 'rsyncish'}`, detail: '' }];
  }
  const found = new Map();
  const note = (who, line) => {
    const signature = `report: check '${line[0]}' line only ${who} writes`;
    if (!found.has(signature)) found.set(signature, []);
    found.get(signature).push(line);
  };
  const [a, b] = [new Set(rclone), new Set(rsyncish)];
  for (const line of a) if (!b.has(line)) note('rclone', line);
  for (const line of b) if (!a.has(line)) note('rsyncish', line);
  return [...found].map(([signature, lines]) => ({ kind: 'report', signature, detail: lines.join(' | ') }));
}
