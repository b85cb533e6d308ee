import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hook } from '@oclif/core';

/** The package installed plugins declare as a peer dependency. */
export const CORE_PACKAGE = '@rsyncish/core';

/**
 * oclif hook `plugins:preinstall`: before `rsyncish plugins install`, list this
 * CLI's own @rsyncish/core as a `file:` dependency of oclif's plugin data dir.
 * npm then links it there instead of fetching a copy from the registry, so a
 * plugin's peer dependency on core is met offline, by the very core the CLI
 * runs (one copy in memory). The path is refreshed on every install, so it
 * follows the CLI when it moves.
 */
const offerCore: Hook<'plugins:preinstall'> = async function ({ config }) {
  await offerCoreTo(config.dataDir, coreRoot());
};
export default offerCore;

/** Add or update `"@rsyncish/core": "file:<coreDir>"` in `<dataDir>/package.json`, creating the file as oclif would. */
export async function offerCoreTo(dataDir: string, coreDir: string): Promise<void> {
  const path = join(dataDir, 'package.json');
  const pjson = await readPackageJson(path);
  const spec = `file:${coreDir}`;
  const dependencies = (pjson['dependencies'] ?? {}) as Record<string, string>;
  if (dependencies[CORE_PACKAGE] === spec) return;
  pjson['dependencies'] = { ...dependencies, [CORE_PACKAGE]: spec };
  await mkdir(dataDir, { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(pjson, null, 2)}\n`);
  await rename(temp, path);
}

async function readPackageJson(path: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    // What @oclif/plugin-plugins writes for a first install.
    return { private: true, dependencies: {}, oclif: { plugins: [], schema: 1 } };
  }
}

/** The folder of the @rsyncish/core this CLI imports (its real path, symlinks followed). */
function coreRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(CORE_PACKAGE)));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}
