import { writeFile } from 'node:fs/promises';
import type { Entry } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { listEntries } from './list-entries.js';
import { renderTree, type TreeOptions } from './tree-print.js';

export interface TreeRequest extends TreeOptions {
  path: string;
  /** -o: write here instead of stdout. */
  output?: string;
}

/** tree: walk the remote (to --level), then draw it; the tree is drawn whole, so it is held in memory. */
export async function runTree(session: Session, req: TreeRequest): Promise<void> {
  const children = new Map<string, Entry[]>();
  await listEntries(session, req.path, { maxDepth: req.level > 0 ? req.level : -1, dirsOnly: false, filesOnly: false },
    async (_backend, e) => e,
    (e) => {
      const slash = e.path.lastIndexOf('/');
      const parent = slash < 0 ? '' : e.path.slice(0, slash);
      const list = children.get(parent);
      if (list) list.push(e);
      else children.set(parent, [e]);
    }, 'tree');
  const text = renderTree(children, req);
  if (req.output !== undefined) await writeFile(req.output, text);
  else process.stdout.write(text);
}
