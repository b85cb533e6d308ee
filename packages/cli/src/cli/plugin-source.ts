import { homedir } from 'node:os';
import { resolve } from 'node:path';

/** The commands of @oclif/plugin-plugins that take a package to install. */
const INSTALL_COMMANDS = new Set(['plugins install', 'plugins add', 'plugins:install', 'plugins:add']);

/**
 * @oclif/plugin-plugins sends any argument with a `/` and no `:` to GitHub and
 * any other to the npm registry, so a tarball or a folder on disk needs npm's
 * own `file:` form. This rewrites the arguments npm itself would read as local
 * (`./x`, `../x`, `/x`, `~/x`, `*.tgz`, `*.tar.gz`, `*.tar`) to `file:<absolute path>`,
 * resolved against the directory the user ran the command in (npm runs in the data dir).
 */
export function localPluginSources(argv: readonly string[], cwd: string, home = homedir()): string[] {
  const command = argv[0] === 'plugins' ? `plugins ${argv[1] ?? ''}` : (argv[0] ?? '');
  if (!INSTALL_COMMANDS.has(command)) return [...argv];
  const first = command.includes(':') ? 1 : 2;
  return argv.map((arg, i) => (i >= first && isLocalSpec(arg) ? `file:${toAbsolute(arg, cwd, home)}` : arg));
}

function isLocalSpec(arg: string): boolean {
  if (arg.startsWith('-') || arg.includes(':')) return false;
  return /^(?:\.|~\/|\/)/.test(arg) || /\.(?:tgz|tar\.gz|tar)$/i.test(arg);
}

function toAbsolute(arg: string, cwd: string, home: string): string {
  return arg.startsWith('~/') ? resolve(home, arg.slice(2)) : resolve(cwd, arg);
}
