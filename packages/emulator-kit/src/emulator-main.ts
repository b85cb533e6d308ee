import type { RunningEmulator } from './emulator-options.js';

/** A mistake on the command line: one line, then exit status 1. */
export class UsageError extends Error {}

/** What the command needs of a started emulator. */
export type Stoppable = Pick<RunningEmulator, 'url' | 'stop'>;

export interface EmulatorCommand<C extends { help: boolean; verbose: boolean }, E extends Stoppable = RunningEmulator> {
  /** The command's name, first on every line it writes to stderr. */
  name: string;
  usage: string;
  /** argv to a config; throws UsageError for a mistake. */
  parse(argv: string[]): C;
  start(config: C, log: ((line: string) => void) | undefined): Promise<E>;
  /** More lines for stdout after the listening line (e.g. a config section). */
  announce?(config: C, emulator: E): string;
}

/**
 * An emulator's command: parse, start, print `NAME listening on URL` and serve until SIGINT or
 * SIGTERM, then stop cleanly. A bad flag or a failed start is one line on stderr and status 1.
 */
export async function runEmulatorCommand<C extends { help: boolean; verbose: boolean }, E extends Stoppable = RunningEmulator>(command: EmulatorCommand<C, E>, argv: string[]): Promise<void> {
  const fail = (message: string): never => {
    process.stderr.write(`${command.name}: ${message}\n`);
    process.exit(1);
  };
  let config: C;
  try {
    config = command.parse(argv);
  } catch (err) {
    if (err instanceof UsageError) fail(`${err.message} (see --help)`);
    throw err;
  }
  if (config.help) {
    process.stdout.write(command.usage);
    return;
  }
  const log = config.verbose ? (line: string): void => void process.stderr.write(`${line}\n`) : undefined;
  let emulator: E;
  try {
    emulator = await command.start(config, log);
  } catch (err) {
    fail((err as Error).message.split('\n')[0]!);
  }
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => fail(`stopping: ${(err as Error).message}`),
    );
  };
  // Before the line that says we are up: whoever reads it may signal at once,
  // and a pipe write reaches the reader before the next statement runs.
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.stdout.write(`${command.name} listening on ${emulator!.url}\n${command.announce?.(config, emulator!) ?? ''}`);
}
