#!/usr/bin/env node
// Writes oclif.manifest.json: every command's id, flags, args and help text,
// so oclif can list commands and show help without importing each command
// module at every start. Uses @oclif/core's own Plugin loader (the one the
// `oclif manifest` dev command uses), so the manifest is exactly what oclif
// would build in memory; the `oclif` dev CLI itself is not a dependency.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Plugin } from '@oclif/core';

export const MANIFEST = 'oclif.manifest.json';

export async function writeManifest(root) {
  const plugin = new Plugin({ root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
  await plugin.load();
  // Written whole then renamed: two CLI processes refreshing at once cannot leave half a file.
  const temp = join(root, `${MANIFEST}.${process.pid}.tmp`);
  // Compact: oclif reads and parses it at every start (one third smaller than indented).
  writeFileSync(temp, `${JSON.stringify(plugin.manifest)}\n`);
  renameSync(temp, join(root, MANIFEST));
  return Object.keys(plugin.manifest.commands).length;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const count = await writeManifest(root);
  console.log(`${MANIFEST}: ${count} commands`);
}
