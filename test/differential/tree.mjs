// The two trees of one differential case, drawn from a seeded generator:
// nested folders, files of 0-100 KiB, equal and different modtimes, same size
// with different bytes, empty folders, names with spaces and Unicode, and
// file/folder name clashes between the source and the destination.
//
// A file's bytes are `yes <token> | head -c <size>`, and its modtime is set
// with `touch -d @<sec>.<nsec>`, so the shell script that reproduces a case
// (treeScript) builds exactly what buildTree builds.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DIRS = ['docs', 'sub dir', 'été', 'z', '2024', 'Ünï cödé'];
const FILES = ['a', 'b.txt', 'B.txt', 'notes.md', 'café.txt', 'photo 1.jpg', 'data.bin', 'f.log', 'g h', '日本語.txt', 'x-y_z', 'skip.log'];
/** 2024-01-02T03:04:05Z: every modtime is this plus whole hours or days, sometimes plus a fraction. */
const T0 = 1704164645;

const parents = (path) => path.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'));

/** One side's files and empty folders, kept free of a name that is both a file and a folder. */
class Side {
  files = new Map();
  emptyDirs = new Set();

  /** Folders that hold something. */
  dirs() {
    return new Set([...this.files.keys(), ...this.emptyDirs].flatMap(parents));
  }

  canHave(path) {
    if (this.files.has(path) || this.emptyDirs.has(path)) return false;
    if (parents(path).some((p) => this.files.has(p))) return false;
    // Neither a file nor an empty folder may take the name of a folder that holds something.
    return !this.dirs().has(path);
  }

  addFile(path, file) {
    if (!this.canHave(path)) return false;
    for (const p of parents(path)) this.emptyDirs.delete(p);
    this.files.set(path, { path, ...file });
    return true;
  }

  addEmptyDir(path) {
    if (!this.canHave(path)) return false;
    for (const p of parents(path)) this.emptyDirs.delete(p);
    this.emptyDirs.add(path);
    return true;
  }
}

function randomPath(rng, leaf) {
  const depth = rng.pick([0, 0, 1, 1, 2, 3]);
  return [...Array.from({ length: depth }, () => rng.pick(DIRS)), leaf].join('/');
}

function fileSize(rng) {
  const r = rng.next();
  if (r < 0.1) return 0;
  if (r < 0.7) return rng.int(1, 2048);
  if (r < 0.95) return rng.int(2049, 20_000);
  return rng.int(20_001, 100 * 1024);
}

/** A modtime as whole seconds and nanoseconds: mostly whole seconds, some with ms or ns. */
function modtime(rng) {
  const sec = T0 + rng.pick([0, 0, 3600, 86400, 3 * 86400]);
  const r = rng.next();
  const nsec = r < 0.8 ? 0 : r < 0.95 ? rng.int(1, 999) * 1_000_000 : rng.int(1, 999_999_999);
  return { sec, nsec };
}

const shifted = (t, seconds) => ({ sec: t.sec + seconds, nsec: t.nsec });

/** A token whose first byte differs from `token`'s, so two files of one size differ in bytes. */
const otherToken = (token) => `${String.fromCharCode(((token.charCodeAt(0) - 97 + 1) % 26) + 97)}${token.slice(1)}x`;

/**
 * Draw both trees. Returns {src, dst, features}: each side as
 * {files: [{path, size, token, mtime}], emptyDirs: [path]}, and the
 * features the case has ('clash' when a name is a file on one side and a
 * folder on the other).
 */
export function planTrees(rng) {
  const src = new Side();
  const dst = new Side();
  let id = 0;
  const token = () => `${String.fromCharCode(97 + (id % 26))}${id++}`;

  const count = rng.int(2, 10);
  for (let i = 0; i < count * 3 && src.files.size < count; i++) {
    src.addFile(randomPath(rng, rng.pick(FILES)), { size: fileSize(rng), token: token(), mtime: modtime(rng) });
  }
  for (let i = rng.int(0, 2); i > 0; i--) src.addEmptyDir(randomPath(rng, rng.pick(DIRS)));

  for (const f of src.files.values()) {
    const r = rng.next();
    const older = () => shifted(f.mtime, -rng.pick([1, 3600, 86400]));
    const newer = () => shifted(f.mtime, rng.pick([1, 3600, 86400]));
    const anyTime = () => rng.pick([f.mtime, older(), newer()]);
    if (r < 0.25) dst.addFile(f.path, { size: f.size, token: f.token, mtime: f.mtime });
    else if (r < 0.35) dst.addFile(f.path, { size: f.size, token: f.token, mtime: rng.chance(0.5) ? older() : newer() });
    else if (r < 0.5) dst.addFile(f.path, { size: f.size, token: otherToken(f.token), mtime: anyTime() });
    else if (r < 0.63) dst.addFile(f.path, { size: fileSize(rng), token: token(), mtime: anyTime() });
    else if (r < 0.67) {
      // The same second, a few nanoseconds apart: only a nanosecond clock tells them apart.
      const nsec = f.mtime.nsec >= 1000 ? f.mtime.nsec - rng.int(1, 999) : f.mtime.nsec + rng.int(1, 999);
      dst.addFile(f.path, { size: f.size, token: otherToken(f.token), mtime: { sec: f.mtime.sec, nsec } });
    }
  }
  for (let i = rng.int(0, 3); i > 0; i--) {
    dst.addFile(randomPath(rng, rng.pick(FILES)), { size: fileSize(rng), token: token(), mtime: modtime(rng) });
  }
  for (let i = rng.int(0, 1); i > 0; i--) dst.addEmptyDir(randomPath(rng, rng.pick(DIRS)));

  if (rng.chance(0.25)) addClash(rng, src, dst, token);
  const features = clashes(src, dst).length > 0 ? ['clash'] : [];
  const out = (side) => ({ files: [...side.files.values()], emptyDirs: [...side.emptyDirs] });
  return { src: out(src), dst: out(dst), features };
}

/** Give one name a file on one side and a folder on the other. */
function addClash(rng, src, dst, token) {
  const [fileSide, dirSide] = rng.chance(0.5) ? [src, dst] : [dst, src];
  const name = randomPath(rng, rng.pick(FILES));
  // Make room on both sides for the name, then place it.
  for (const side of [src, dst]) {
    for (const p of [...side.files.keys()]) if (p === name || p.startsWith(`${name}/`) || parents(name).includes(p)) side.files.delete(p);
    for (const p of [...side.emptyDirs]) if (p === name || p.startsWith(`${name}/`) || parents(name).includes(p)) side.emptyDirs.delete(p);
  }
  fileSide.addFile(name, { size: fileSize(rng), token: token(), mtime: modtime(rng) });
  if (rng.chance(0.3)) dirSide.addEmptyDir(name);
  else dirSide.addFile(`${name}/${rng.pick(FILES)}`, { size: fileSize(rng), token: token(), mtime: modtime(rng) });
}

/** Names that are a file on one side and a folder on the other. */
export function clashes(src, dst) {
  const folders = (side) => new Set([...side.files.keys(), ...side.emptyDirs].flatMap(parents).concat([...side.emptyDirs]));
  const [sd, dd] = [folders(src), folders(dst)];
  return [...[...src.files.keys()].filter((p) => dd.has(p)), ...[...dst.files.keys()].filter((p) => sd.has(p))];
}

export function content(size, token) {
  const unit = Buffer.from(`${token}\n`);
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i += unit.length) unit.copy(buf, i, 0, Math.min(unit.length, size - i));
  return buf;
}

const stamp = (t) => `@${t.sec}.${String(t.nsec).padStart(9, '0')}`;

/** Write one side's tree under `root` (which must not exist yet). */
export function buildTree(root, side) {
  mkdirSync(root, { recursive: true });
  for (const d of side.emptyDirs) mkdirSync(join(root, d), { recursive: true });
  const byTime = new Map();
  for (const f of side.files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content(f.size, f.token));
    const key = stamp(f.mtime);
    if (!byTime.has(key)) byTime.set(key, []);
    byTime.get(key).push(p);
  }
  // touch, not utimes: Node passes times as a double and loses the nanoseconds.
  for (const [key, paths] of byTime) {
    const r = spawnSync('touch', ['-d', key, '--', ...paths], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`touch failed: ${r.stderr}`);
  }
}

export const shellQuote = (s) => (/^[\w./@:=+-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

/** The shell commands that build the side under `root` exactly as buildTree does. */
export function treeScript(root, side) {
  const lines = [`mkdir -p ${shellQuote(root)}`];
  for (const d of side.emptyDirs) lines.push(`mkdir -p ${shellQuote(`${root}/${d}`)}`);
  for (const f of side.files) {
    const p = shellQuote(`${root}/${f.path}`);
    if (f.path.includes('/')) lines.push(`mkdir -p ${shellQuote(`${root}/${dirname(f.path)}`)}`);
    lines.push(f.size === 0 ? `: > ${p}` : `yes ${f.token} | head -c ${f.size} > ${p}`);
    lines.push(`touch -d ${stamp(f.mtime)} ${p}`);
  }
  return lines;
}
