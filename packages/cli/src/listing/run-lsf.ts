import type { HashType } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { entryHash } from './entry-hash.js';
import { listEntries, listingDepth } from './list-entries.js';
import { writeStdout } from './stdout-write.js';
import { checkLsfFormat, lsfLine, type LsfFormat } from './lsf-format.js';

export interface LsfRequest extends LsfFormat {
  path: string;
  recursive: boolean;
  maxDepth: number;
  dirsOnly: boolean;
  filesOnly: boolean;
  hashType: HashType;
}

/** lsf: one line per entry in the --format asked for; hashes are read only when `h` is in it. */
export async function runLsf(session: Session, req: LsfRequest): Promise<void> {
  checkLsfFormat(req.format);
  const now = Date.now();
  const wantsHash = req.format.includes('h');
  const lines: string[] = [];
  const flush = async () => {
    const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    lines.length = 0;
    if (text) await writeStdout(text);
  };
  try {
    await listEntries(session, req.path, { maxDepth: listingDepth(req.recursive, req.maxDepth), dirsOnly: req.dirsOnly, filesOnly: req.filesOnly },
      async (backend, e, at) => {
        if (!wantsHash || e.kind === 'dir') return lsfLine(e, {}, req, now);
        const hash = await entryHash(backend, e, at, req.hashType);
        return lsfLine(e, { hash }, req, now);
      },
      async (line) => {
        lines.push(line);
        if (lines.length >= 1000) await flush();
      }, 'lsf');
  } finally {
    await flush();
  }
}
