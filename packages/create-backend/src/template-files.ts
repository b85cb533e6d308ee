import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackendNames } from './backend-names.js';

/** The plugin's files, shipped beside dist/ in this package. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../template/', import.meta.url));

/**
 * Names the template cannot have in this package's own tarball: npm drops a
 * `.gitignore` from it, and a `.test.` file or a `testing/` folder would be
 * tests shipped to the users of this package.
 */
function targetName(path: string): string {
  return path
    .replace(/(^|\/)gitignore$/, '$1.gitignore')
    .replace(/_test\.ts$/, '.test.ts')
    .replace(/(^|\/)testing_\//, '$1testing/');
}

function fill(text: string, names: BackendNames): string {
  return text
    .replaceAll('__TYPE__', names.type)
    .replaceAll('__CLASS__', names.className)
    .replaceAll('__PACKAGE__', names.packageName)
    .replaceAll('__ENV__', names.envName);
}

/** Writes every template file into dir, names filled in; returns the paths written. */
export function writeTemplate(dir: string, names: BackendNames): string[] {
  const written: string[] = [];
  for (const file of walk(TEMPLATE_DIR)) {
    const path = targetName(relative(TEMPLATE_DIR, file).split('\\').join('/'));
    const out = join(dir, path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, fill(readFileSync(file, 'utf8'), names));
    written.push(path);
  }
  return written;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
