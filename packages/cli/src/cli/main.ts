import { Config, flush, settings } from '@oclif/core';
import { fileURLToPath } from 'node:url';
import { readCommandLine } from './command-line.js';
import { leadingFlags } from '../help/leading-flags.js';

export { COMMANDS } from './commands.js';

/**
 * Everything bin/run.cjs does past `--version`: read the command line as
 * rclone does (global flags before the command, `-h`, `help flags`, one line
 * for a mistyped command), run the command through oclif, and report what
 * fails before a command runs (a broken plugin).
 * This module is the root of the CLI's bundle (scripts/bundle.mjs), so oclif,
 * the commands and their helpers load as one file.
 */
export async function main(argv: string[], binUrl: string): Promise<void> {
  // Plugins ship compiled JavaScript: never look for TypeScript sources to
  // transpile (which also silences oclif's warning for every linked ESM plugin).
  settings.enableAutoTranspile = false;
  try {
    const config = await Config.load(fileURLToPath(binUrl));
    const line = readCommandLine(argv, { ids: config.commandIDs, flags: leadingFlags() });
    await runLine(config, line.id, line.argv, line.help);
    await flush();
  } catch (err) {
    const { reportError } = await import('./report-error.js');
    process.exitCode = reportError(err, { showStack: argv.includes('-vv') });
    await flush().catch(() => {});
  }
}

/**
 * What oclif's run() does once it has an id, without its reading of argv: it
 * takes the first word as the command and glues unknown words into it.
 */
async function runLine(config: Config, id: string | undefined, argv: string[], help: boolean): Promise<void> {
  await config.runHook('init', { argv, id });
  let error: Error | undefined;
  try {
    if (id === 'help') {
      const { runHelpCommand } = await import('../help/show-help.js');
      await runHelpCommand(config, argv);
    } else if (id === undefined || help) {
      const { showHelp } = await import('../help/show-help.js');
      await showHelp(config, id);
    } else if (id.startsWith('plugins')) {
      const { localPluginSources } = await import('./plugin-source.js');
      const [, ...rest] = localPluginSources([id, ...argv], process.cwd());
      const { INSTALL_IDS, installStaged } = await import('./staged-install.js');
      if (INSTALL_IDS.has(id)) await installStaged(config, rest.filter((a) => !a.startsWith('-')).join(' '), () => config.runCommand(id, rest));
      else await config.runCommand(id, rest);
    } else {
      await config.runCommand(id, argv);
    }
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    await config.runHook('finally', { argv, id: id ?? '', Command: id === undefined ? undefined : config.findCommand(id), error });
  }
}
