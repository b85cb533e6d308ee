import { mkdirSync, readdirSync } from 'node:fs';
import { ScaffoldError } from './scaffold-error.js';

/** A fresh `git init` is still an empty project. */
const ALLOWED = new Set(['.git']);

/**
 * The folder the plugin is written into must hold nothing: the scaffold never
 * overwrites or mixes with someone's files. A missing folder is created.
 */
export function claimEmptyFolder(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(dir, { recursive: true });
    return;
  }
  const found = names.filter((n) => !ALLOWED.has(n));
  if (found.length > 0) {
    const shown = found.slice(0, 3).map((n) => JSON.stringify(n)).join(', ') + (found.length > 3 ? `, and ${found.length - 3} more` : '');
    throw new ScaffoldError(
      'ERR_FOLDER_NOT_EMPTY',
      `${dir} is not empty (it holds ${shown}); the scaffold writes only into an empty folder`,
      'make a new folder, cd into it and run npm init @rsyncish/backend again',
    );
  }
}
