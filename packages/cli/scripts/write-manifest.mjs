#!/usr/bin/env node
// Writes oclif.manifest.json: every command's id, flags, args and help text,
// so oclif can list commands and show help without importing each command
// module at every start. Uses @oclif/core's own Plugin loader (the one the
// `oclif manifest` dev command uses), so the manifest is exactly what oclif
// would build in memory; the `oclif` dev CLI itself is not a dependency.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Plugin } from '@oclif/core';
import { GLOBAL_FLAGS_HOST } from '../dist/help/leading-flags.js';

export const MANIFEST = 'oclif.manifest.json';

export async function writeManifest(root) {
  const plugin = new Plugin({ root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
  await plugin.load();
  // Written whole then renamed: two CLI processes refreshing at once cannot leave half a file.
  const temp = join(root, `${MANIFEST}.${process.pid}.tmp`);
  // Compact: oclif reads and parses it at every start (one third smaller than indented).
  writeFileSync(temp, `${JSON.stringify(globalFlagsOnce(plugin.manifest))}\n`);
  renameSync(temp, join(root, MANIFEST));
  return Object.keys(plugin.manifest.commands).length;
}

/**
 * The manifest with each global flag written once, on GLOBAL_FLAGS_HOST: a
 * flag another command holds exactly as the host does is left out of that
 * command, which is marked `globalFlags` instead (the help and completion
 * read the global flags from the host). Repeated on every command, they would
 * be nine tenths of the file oclif parses at every start. A command's flag
 * that differs from the host's, its own flag of a global name, stays.
 */
export function globalFlagsOnce(manifest) {
  const host = manifest.commands[GLOBAL_FLAGS_HOST]?.flags ?? {};
  const commands = Object.fromEntries(Object.entries(manifest.commands).map(([id, command]) => {
    if (id === GLOBAL_FLAGS_HOST) return [id, command];
    const shared = Object.keys(command.flags ?? {}).filter((name) => Object.hasOwn(host, name) && isDeepStrictEqual(command.flags[name], host[name]));
    if (shared.length === 0) return [id, command];
    const flags = Object.fromEntries(Object.entries(command.flags).filter(([name]) => !shared.includes(name)));
    return [id, { ...command, flags, globalFlags: GLOBAL_FLAGS_HOST }];
  }));
  return { ...manifest, commands };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const count = await writeManifest(root);
  console.log(`${MANIFEST}: ${count} commands`);
}
