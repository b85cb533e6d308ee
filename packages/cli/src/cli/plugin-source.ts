import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { UsageError } from '@rsyncish/core';

/** The commands of @oclif/plugin-plugins that take a package to install. */
const INSTALL_COMMANDS = new Set(['plugins install', 'plugins add', 'plugins:install', 'plugins:add']);

/**
 * @oclif/plugin-plugins sends any argument with a `/` and no `:` to GitHub and
 * any other to the npm registry, so a tarball or a folder on disk needs npm's
 * own `file:` form. This rewrites the arguments npm itself would read as local
 * (`./x.tgz`, `../x.tar.gz`, `/x.tar`, `~/x.tgz`, `x.tgz`) to `file:<absolute path>`,
 * resolved against the directory the user ran the command in (npm runs in the data dir).
 * A folder is refused with a hint: @oclif/plugin-plugins finds what it just
 * installed from a folder by taking the first folder dependency of its data
 * dir, which is the @rsyncish/core rsyncish links there (hooks/offer-core.ts);
 * `plugins link` is the command for a folder.
 */
export function localPluginSources(argv: readonly string[], cwd: string, home = homedir()): string[] {
  const command = argv[0] === 'plugins' ? `plugins ${argv[1] ?? ''}` : (argv[0] ?? '');
  if (!INSTALL_COMMANDS.has(command)) return [...argv];
  const first = command.includes(':') ? 1 : 2;
  return argv.map((arg, i) => {
    if (i < first || !isLocalSpec(arg)) return arg;
    if (!isTarball(arg)) {
      throw new UsageError('ERR_PLUGIN_FOLDER', `${arg} is a folder, not a package tarball`, {
        hint: `use "rsyncish plugins link ${arg}", or "npm pack" it and install the .tgz`,
      });
    }
    return `file:${toAbsolute(arg, cwd, home)}`;
  });
}

function isTarball(arg: string): boolean {
  return /\.(?:tgz|tar\.gz|tar)$/i.test(arg);
}

function isLocalSpec(arg: string): boolean {
  if (arg.startsWith('-') || arg.includes(':')) return false;
  return /^(?:\.|~\/|\/)/.test(arg) || isTarball(arg);
}

function toAbsolute(arg: string, cwd: string, home: string): string {
  return arg.startsWith('~/') ? resolve(home, arg.slice(2)) : resolve(cwd, arg);
}
