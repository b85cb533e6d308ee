import { baseName, type Entry } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { statSourceRoot } from '../cli/file-root.js';
import { goJson } from './go-json.js';
import { listEntries, listingDepth } from './list-entries.js';
import { writeStdout } from './stdout-write.js';
import { lsjsonItem, type ItemOptions } from './lsjson-item.js';

export interface LsjsonRequest extends ItemOptions {
  path: string;
  recursive: boolean;
  maxDepth: number;
  dirsOnly: boolean;
  filesOnly: boolean;
  stat: boolean;
}

/**
 * lsjson: `[`, one item a line joined by `,\n`, `]`, as rclone prints it,
 * so the whole output is one JSON array and each line one item.
 */
export async function runLsjson(session: Session, req: LsjsonRequest): Promise<void> {
  if (req.stat) return statJson(session, req);
  const now = Date.now();
  let first = true;
  let started = false;
  const start = () => {
    if (!started) process.stdout.write('[\n');
    started = true;
  };
  const close = () => {
    start();
    process.stdout.write(first ? ']\n' : '\n]\n');
  };
  try {
    await listEntries(session, req.path, { maxDepth: listingDepth(req.recursive, req.maxDepth), dirsOnly: req.dirsOnly, filesOnly: req.filesOnly },
      async (backend, e, at) => goJson(await lsjsonItem(backend, e, req, now, at)),
      async (line) => {
        start();
        const text = first ? line : `,\n${line}`;
        first = false;
        await writeStdout(text);
      }, 'lsjson');
  } catch (err) {
    // What was listed before a failure still parses as an array.
    if (started) close();
    throw err;
  }
  close();
}

/**
 * --stat: the one item at the path, indented with tabs as rclone's
 * MarshalIndent, or `null` when --files-only/--dirs-only rule it out. A
 * directory is given as rclone gives it: as a root, with no name and the
 * current time.
 */
async function statJson(session: Session, req: LsjsonRequest): Promise<void> {
  const remote = await session.open(req.path);
  try {
    const root = await statSourceRoot(session, remote);
    const now = Date.now();
    const showDirs = req.dirsOnly || !req.filesOnly;
    const showFiles = req.filesOnly || !req.dirsOnly;
    let entry: Entry | undefined;
    if (root.kind === 'file' && showFiles) entry = { ...root, path: baseName(remote.location.path) };
    if (root.kind === 'dir' && showDirs) entry = { path: '', kind: 'dir', size: -1, modTime: now };
    const item = entry ? await lsjsonItem(remote.backend, entry, req, now, '') : null;
    process.stdout.write(`${goJson(item, '\t')}\n`);
  } finally {
    await remote.backend.close?.();
  }
}
