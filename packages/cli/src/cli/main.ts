import { flush, run, settings } from '@oclif/core';

export { COMMANDS } from './commands.js';

/**
 * Everything bin/run.cjs does past `--version`: run oclif on the arguments and
 * report what fails before a command runs (unknown command, a broken plugin).
 * This module is the root of the CLI's bundle (scripts/bundle.mjs), so oclif,
 * the commands and their helpers load as one file.
 */
export async function main(argv: string[], binUrl: string): Promise<void> {
  // Plugins ship compiled JavaScript: never look for TypeScript sources to
  // transpile (which also silences oclif's warning for every linked ESM plugin).
  settings.enableAutoTranspile = false;
  try {
    const args = argv[0]?.startsWith('plugins')
      ? (await import('./plugin-source.js')).localPluginSources(argv, process.cwd())
      : argv;
    await run(args, binUrl);
    await flush();
  } catch (err) {
    const { reportError } = await import('./report-error.js');
    process.exitCode = reportError(err, { showStack: argv.includes('-vv') });
    await flush().catch(() => {});
  }
}
