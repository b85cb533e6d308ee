import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backendNames } from './backend-names.js';
import { pluginManifest } from './plugin-manifest.js';
import { claimEmptyFolder } from './target-folder.js';
import { writeTemplate } from './template-files.js';

export interface ScaffoldResult {
  packageName: string;
  /** Relative paths of the files written, sorted. */
  files: string[];
}

/** Writes a plugin project for backend `type` into the empty folder `dir`. */
export function scaffold(dir: string, type: string): ScaffoldResult {
  const names = backendNames(type);
  claimEmptyFolder(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pluginManifest(names), null, 2)}\n`);
  const files = ['package.json', ...writeTemplate(dir, names)].sort();
  return { packageName: names.packageName, files };
}
