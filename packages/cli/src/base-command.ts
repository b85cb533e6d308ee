import { Command, type Interfaces } from '@oclif/core';
import type { Session } from './cli/session.js';
import { normaliseArgv } from './cli/argv.js';
import type { FlagShape } from './cli/env-flags.js';
import { globalFlags, type GlobalFlags } from './global-flags.js';
import { loadCore } from './cli/load-core.js';

export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

/**
 * What every rsyncish command shares: the global flags, backends loaded from
 * the plugins' `rsyncish:backends` hook, `--<type>-<option>` flags, the DI
 * container, and one-line error reporting. The heavy part (core) is imported
 * when a command runs, never for help or --version.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override baseFlags = globalFlags;

  protected flags!: CommandFlags<T>;
  protected args!: CommandArgs<T>;
  protected session!: Session;
  /** Positional arguments as given, for commands that take any number (key=value lists). */
  protected positionals: string[] = [];
  /** How many -v were given (kept apart because oclif cannot count flags). */
  private verbosity = 0;

  override async init(): Promise<void> {
    await super.init();
    const normalised = normaliseArgv(this.argv);
    const ctor = this.ctor as unknown as typeof BaseCommand;
    const { refuseJsonWithout } = await import('./cli/json-form.js');
    refuseJsonWithout(this.id ?? '', normalised.argv, ctor.flags);
    const { applyEnvFlags } = await import('./cli/env-flags.js');
    const fromEnv = applyEnvFlags(normalised.argv, normalised.verbosity, { ...ctor.baseFlags, ...ctor.flags } as Record<string, FlagShape>, process.env);
    const { argv, verbosity } = fromEnv;
    this.verbosity = verbosity;
    const { loadBackends } = await import('./cli/load-backends.js');
    const { registry, problems } = await loadBackends(this.config);
    const { extractBackendFlags } = await import('./cli/backend-flags.js');
    const extracted = extractBackendFlags(argv, registry.all());
    const { flags, args, argv: positionals } = await this.parse(
      { flags: ctor.flags, baseFlags: ctor.baseFlags, args: ctor.args, strict: ctor.strict },
      extracted.argv,
    );
    this.flags = flags as CommandFlags<T>;
    this.args = args as CommandArgs<T>;
    this.positionals = positionals as string[];
    const { openSession } = await import('./cli/session.js');
    this.session = openSession({
      flags: flags as GlobalFlags,
      verbosity,
      registry,
      backendFlags: extracted.values,
      env: process.env,
    });
    const { refuseUnaskedInteractive } = await import('./cli/unasked-commands.js');
    refuseUnaskedInteractive(this.id ?? '', this.session.interactive);
    for (const line of fromEnv.used) this.session.logger.debug(line);
    for (const p of problems) this.session.logger.notice(`plugin ${p.plugin} ${p.reason}`);
    for (const line of registry.compatibilityNotices()) this.session.logger.notice(line);
    // Built once here so a bad pattern stops the command before any remote is opened.
    const { Filter } = loadCore();
    const filter = new Filter(this.session.filter);
    if (this.session.dumpFilters) {
      // As rclone: the rules first, then the command runs as usual.
      process.stdout.write(`--- start filters ---\n${filter.dump()}\n--- end filters ---\n`);
    }
  }

  /**
   * Every error ends here: one line and rclone's exit code, never a stack for a
   * user mistake. With --log-file the line goes to the file, as rclone's
   * final "Failed to ..." does, so the file tells the whole story of the run.
   */
  override async catch(err: Interfaces.CommandError): Promise<void> {
    const { reportError } = await import('./cli/report-error.js');
    const sink = this.session?.sink;
    let write: ((line: string) => void) | undefined;
    if (sink?.toFile) {
      const { formatTimestamp } = loadCore();
      write = (line) => sink.write(`${formatTimestamp(new Date())} ${line}`);
    }
    process.exitCode = reportError(err, { showStack: this.verbosity >= 2, write });
  }
}
