import {
  ConfigStore,
  createLogger,
  defaultConfigPath,
  DEFAULT_ENGINE_OPTIONS,
  parseDuration,
  parseDurationNs,
  parseSize,
  parseBwTimetable,
  parseRenameStrategy,
  type BwSlot,
  RemoteOpener,
  rootContainer as container,
  systemClock,
  TOKENS,
  type BackendGlobals,
  type BackendRegistry,
  type EngineOptions,
  type FilterOptions,
  type HttpTransport,
  type Logger,
  type LogLevel,
  type OpenedRemote,
  type HostServices,
  UsageError,
} from '@rsyncish/core';
import type { GlobalFlags } from '../global-flags.js';
import { JsonEvents } from '../output/json-events.js';
import { jsonLogLine } from '../output/json-log.js';
import { LogSink } from '../output/log-sink.js';
import type { BackendFlagValues } from './backend-flags.js';
import { dumpsHttp, parseDumpItems } from './dump-items.js';
import { levelOf, type RcloneLogLevel } from './log-levels.js';

/** Everything a command needs once the global flags are parsed. */
export interface Session {
  logger: Logger;
  level: LogLevel;
  quiet: boolean;
  registry: BackendRegistry;
  store: ConfigStore;
  engine: EngineOptions;
  filter: FilterOptions;
  /** Whole-run attempts (--retries). */
  retries: number;
  /** Periodic stats interval in ms; 0 = off. */
  statsIntervalMs: number;
  /** Pause between whole-run attempts (--retries-sleep), ms. */
  retriesSleepMs: number;
  /** Exit 9 when nothing was transferred (--error-on-no-transfer). */
  errorOnNoTransfer: boolean;
  /** -P: a live view on a terminal, stats lines otherwise. */
  progress: boolean;
  /** -i: ask before each destructive step. */
  interactive: boolean;
  /** --dump filters: print the filter rules before the command runs. */
  dumpFilters: boolean;
  /** Where log lines go (stderr or --log-file). */
  sink: LogSink;
  /** The network flags, for HTTP a command makes outside a backend (an OAuth login). */
  http: HttpTransport;
  /** --json events on stdout (a no-op when off). */
  json: JsonEvents;
  /** --stats-one-line: stats as rclone's one line instead of its block. */
  statsOneLine: boolean;
  /** Log a stats block or line at --stats-log-level (INFO unless set). */
  logStats(text: string): void;
  /** --backup-dir / --suffix / --suffix-keep-extension, when either of the first two is given. */
  backup?: { dir?: string; suffix: string; keepExtension: boolean };
  /** --bwlimit, parsed: the timetable (one slot for a plain rate); undefined = no limit. */
  bwlimit?: BwSlot[];
  /** --compare-dest or --copy-dest: the directories to look in (never both). */
  otherDests?: { kind: 'compare' | 'copy'; paths: string[] };
  /** Open `remote:path` or a local path through the registry. */
  open(text: string): Promise<OpenedRemote>;
}

export interface SessionInput {
  flags: GlobalFlags;
  verbosity: number;
  registry: BackendRegistry;
  backendFlags: BackendFlagValues;
  env: NodeJS.ProcessEnv;
  /** Where log lines go; stderr unless a test says otherwise. */
  write?: (line: string) => void;
}

/**
 * Turn parsed global flags into the process's services: the composition root.
 * They are registered once in the root tsyringe container, and core's
 * RemoteOpener gets them from there as plain host services.
 */
export function openSession(input: SessionInput): Session {
  const { flags, verbosity, registry } = input;
  const asked = logLevel(flags, verbosity);
  const dump = parseDumpItems(flags.dump);
  // As rclone: whatever --dump shows (filters, HTTP) is read beside the debug log.
  const level = dump.size > 0 ? 'debug' : asked;
  const sink = new LogSink(flags['log-file']);
  const plain = input.write ?? ((line: string) => sink.write(line));
  const write = flags['use-json-log'] ? (line: string, at: LogLevel) => plain(jsonLogLine(line, at)) : plain;
  const logger = createLogger(level, write);
  if (level !== asked) logger.notice('Automatically setting -vv as --dump is enabled');
  const store = new ConfigStore(flags.config ?? defaultConfigPath(input.env), {
    onWait: (holder, lockPath) =>
      logger.notice(`waiting for ${holder ? `process ${holder.pid}` : 'another process'} to finish writing the config file (lock ${lockPath}; up to 30 s)`),
  });
  const globals: BackendGlobals = {
    lowLevelRetries: flags['low-level-retries'],
    tpsLimit: positiveNumber(flags.tpslimit, 'tpslimit'),
    copyLinks: flags['copy-links'],
    timeoutMs: parseDuration(flags.timeout, 'flag --timeout'),
    transfers: flags.transfers,
    http: {
      caCertFile: flags['ca-cert'],
      clientCertFile: flags['client-cert'],
      clientKeyFile: flags['client-key'],
      userAgent: flags['user-agent'],
      env: input.env,
      dump: dumpsHttp(dump)
        ? {
            headers: true,
            requestBodies: dump.has('bodies') || dump.has('requests'),
            responseBodies: dump.has('bodies') || dump.has('responses'),
            auth: dump.has('auth'),
            write: (line) => logger.debug(line),
          }
        : undefined,
    },
    skipLinks: flags['skip-links'],
    oneFileSystem: flags['one-file-system'],
    links: flags.links,
  };
  container.register(TOKENS.Logger, { useValue: logger });
  container.register(TOKENS.Clock, { useValue: systemClock });
  container.register(TOKENS.ConfigStore, { useValue: store });
  container.register(TOKENS.Globals, { useValue: globals });
  container.register(TOKENS.BackendFlags, { useValue: input.backendFlags });
  container.register(TOKENS.Env, { useValue: input.env });
  const host: HostServices = {
    registry,
    config: container.resolve(TOKENS.ConfigStore),
    logger: container.resolve(TOKENS.Logger),
    globals: container.resolve(TOKENS.Globals),
    env: container.resolve(TOKENS.Env),
    clock: container.resolve(TOKENS.Clock),
    backendFlags: container.resolve(TOKENS.BackendFlags),
  };
  const opener = new RemoteOpener(host);
  const size = (text: string | undefined, flag: string) => (text === undefined ? undefined : parseSize(text, `flag --${flag}`));
  const stats = parseDuration(flags.stats, 'flag --stats');
  return {
    logger,
    level,
    quiet: level === 'error' || level === 'critical',
    registry,
    store,
    engine: {
      ...DEFAULT_ENGINE_OPTIONS,
      dryRun: flags['dry-run'],
      transfers: flags.transfers,
      checkers: flags.checkers,
      checksum: flags.checksum,
      sizeOnly: flags['size-only'],
      ignoreExisting: flags['ignore-existing'],
      update: flags.update,
      ignoreTimes: flags['ignore-times'],
      modifyWindowNs: parseDurationNs(flags['modify-window'], 'flag --modify-window'),
      createEmptySrcDirs: flags['create-empty-src-dirs'],
      fileRetries: flags['low-level-retries'],
      ignoreSize: flags['ignore-size'],
      ignoreCaseSync: flags['ignore-case-sync'],
      deleteExcluded: flags['delete-excluded'],
      maxDelete: flags['max-delete'],
      immutable: flags.immutable,
      noUpdateModTime: flags['no-update-modtime'],
      ignoreErrors: flags['ignore-errors'],
      maxTransfer: size(flags['max-transfer'], 'max-transfer') ?? -1,
      cutoffMode: flags['cutoff-mode'].toLowerCase() as EngineOptions['cutoffMode'],
      maxDurationNs: Math.max(0, parseDurationNs(flags['max-duration'], 'flag --max-duration')),
      trackRenames: flags['track-renames'] ? parseRenameStrategy(flags['track-renames-strategy']) : [],
      fastList: flags['fast-list'],
      noTraverse: flags['no-traverse'],
    },
    filter: {
      minSize: size(flags['min-size'], 'min-size'),
      maxSize: size(flags['max-size'], 'max-size'),
      include: flags.include,
      exclude: flags.exclude,
      filter: flags.filter,
      includeFrom: flags['include-from'],
      excludeFrom: flags['exclude-from'],
      filterFrom: flags['filter-from'],
      filesFrom: flags['files-from'],
      filesFromRaw: flags['files-from-raw'],
      excludeIfPresent: flags['exclude-if-present'],
      minAge: flags['min-age'],
      maxAge: flags['max-age'],
      ignoreCase: flags['ignore-case'],
    },
    retries: flags.retries,
    statsIntervalMs: Math.max(0, stats),
    retriesSleepMs: Math.max(0, parseDuration(flags['retries-sleep'], 'flag --retries-sleep')),
    errorOnNoTransfer: flags['error-on-no-transfer'],
    progress: flags.progress,
    interactive: flags.interactive,
    dumpFilters: dump.has('filters'),
    sink,
    http: globals.http ?? {},
    json: new JsonEvents(flags.json),
    statsOneLine: flags['stats-one-line'],
    logStats: statsLogger(logger, flags['stats-log-level'], flags['dry-run'] || flags.interactive),
    backup: backupOf(flags),
    otherDests: otherDestsOf(flags),
    bwlimit: flags.bwlimit === undefined ? undefined : parseBwTimetable(flags.bwlimit),
    open: (text) => opener.open(text),
  };
}

/** rclone's pair: --backup-dir, or --suffix alone (the destination is then its own backup dir). */
function backupOf(flags: GlobalFlags): Session['backup'] {
  const dir = flags['backup-dir'] === '' ? undefined : flags['backup-dir'];
  const suffix = flags.suffix ?? '';
  if (dir === undefined && suffix === '') return undefined;
  return { dir, suffix, keepExtension: flags['suffix-keep-extension'] };
}

/** --compare-dest or --copy-dest; rclone refuses the two together. */
function otherDestsOf(flags: GlobalFlags): Session['otherDests'] {
  const compare = flags['compare-dest'] ?? [];
  const copy = flags['copy-dest'] ?? [];
  if (compare.length > 0 && copy.length > 0) {
    throw new UsageError('ERR_BAD_FLAG', "can't use --compare-dest with --copy-dest", { hint: '--copy-dest compares as --compare-dest does, and copies what it finds: give one of them' });
  }
  if (compare.length > 0) return { kind: 'compare', paths: compare };
  if (copy.length > 0) return { kind: 'copy', paths: copy };
  return undefined;
}

/** --log-level wins; else -q is ERROR, -v INFO, -vv DEBUG, and NOTICE by default (as rclone). */
function logLevel(flags: GlobalFlags, verbosity: number): LogLevel {
  if (flags['log-level']) return levelOf(flags['log-level']);
  if (flags.quiet) return 'error';
  if (verbosity >= 2) return 'debug';
  if (verbosity === 1) return 'info';
  return 'notice';
}

/** rclone logs its stats at --stats-log-level; our logger has a method per level it shows. */
function statsLogger(logger: Logger, name: RcloneLogLevel | undefined, dryRunOrAsking: boolean): (text: string) => void {
  let level = levelOf(name ?? 'INFO');
  // As rclone: the stats of a dry run (or of -i) are at least NOTICE, so it always says what it did and would have done.
  if (dryRunOrAsking && (level === 'info' || level === 'debug')) level = 'notice';
  if (level === 'critical') return () => {};
  return (text) => logger[level](text);
}

function positiveNumber(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError('ERR_BAD_FLAG', `invalid value "${text}" for --${flag}`, { hint: 'give a number of at least 0, e.g. 10 or 0.5' });
  }
  return n;
}
