import { Flags, type Interfaces } from '@oclif/core';
import { RCLONE_LOG_LEVELS } from './cli/log-levels.js';
import { MAX_INT, MAX_PARALLEL } from './flag-bounds.js';

const GLOBAL = 'GLOBAL';
const FILTERS = 'FILTERS';
const NETWORKING = 'NETWORKING';

/**
 * Flags every command accepts, named as rclone names them. Sizes and durations
 * are kept as text here and parsed by core's parsers after oclif has run, so a
 * bad value gives our one-line error naming the flag.
 */
export const globalFlags = {
  verbose: Flags.boolean({ char: 'v', helpGroup: GLOBAL, description: 'Print more: -v for INFO (each file copied), -vv for DEBUG.' }),
  quiet: Flags.boolean({ char: 'q', helpGroup: GLOBAL, description: 'Print as little as possible: errors only, no stats.' }),
  'dry-run': Flags.boolean({ char: 'n', helpGroup: GLOBAL, description: 'Do a trial run with no permanent changes.' }),
  interactive: Flags.boolean({ char: 'i', helpGroup: GLOBAL, description: 'Ask before each copy, move, delete or other change (copy, sync, move, copyto, moveto).' }),
  config: Flags.string({ helpGroup: GLOBAL, description: 'Config file (default $RSYNCISH_CONFIG, else ~/.config/rsyncish/rsyncish.conf).' }),
  transfers: Flags.integer({ helpGroup: GLOBAL, min: 1, max: MAX_PARALLEL, default: 4, description: `Number of file transfers to run in parallel (1-${MAX_PARALLEL}).` }),
  checkers: Flags.integer({ helpGroup: GLOBAL, min: 1, max: MAX_PARALLEL, default: 8, description: `Number of checkers (listings, comparisons) to run in parallel (1-${MAX_PARALLEL}).` }),
  checksum: Flags.boolean({ char: 'c', helpGroup: GLOBAL, description: 'Skip based on checksum (if available) and size, not modtime and size.' }),
  'size-only': Flags.boolean({ helpGroup: GLOBAL, description: 'Skip based on size only, not modtime or checksum.' }),
  'min-size': Flags.string({ helpGroup: GLOBAL, description: 'Only transfer files bigger than this (a bare number is bytes; 100k, 9G, 50GiB).' }),
  'max-size': Flags.string({ helpGroup: GLOBAL, description: 'Only transfer files smaller than this (a bare number is bytes; 100k, 9G, 50GiB).' }),
  retries: Flags.integer({ helpGroup: GLOBAL, min: 1, max: MAX_INT, default: 3, description: 'Retry the whole run this many times if it had errors.' }),
  'low-level-retries': Flags.integer({ helpGroup: GLOBAL, min: 1, max: MAX_INT, default: 10, description: 'Number of low level retries (per request, per file).' }),
  'create-empty-src-dirs': Flags.boolean({ helpGroup: GLOBAL, description: 'Create empty source directories on the destination.' }),
  'ignore-existing': Flags.boolean({ helpGroup: GLOBAL, description: 'Skip all files that exist on the destination.' }),
  update: Flags.boolean({ char: 'u', helpGroup: GLOBAL, description: 'Skip files that are newer on the destination.' }),
  'modify-window': Flags.string({ helpGroup: GLOBAL, default: '1ns', description: 'Max time diff to be considered the same, e.g. 1s (the coarser modtime precision of the two sides counts too).' }),
  'ignore-times': Flags.boolean({ char: 'I', helpGroup: GLOBAL, description: "Don't skip files that match size and time: transfer all files." }),
  'copy-links': Flags.boolean({ char: 'L', helpGroup: GLOBAL, description: 'Follow symlinks and copy the pointed to item.' }),
  stats: Flags.string({ helpGroup: GLOBAL, default: '1m', description: 'Interval between printing stats, e.g. 30s (0 to disable).' }),
  'log-level': Flags.option({ helpGroup: GLOBAL, options: RCLONE_LOG_LEVELS, description: 'Log level (overrides -v and -q).' })(),
  timeout: Flags.string({ helpGroup: GLOBAL, default: '5m', description: 'IO idle timeout for one request.' }),
  include: Flags.string({ helpGroup: FILTERS, multiple: true, multipleNonGreedy: true, description: 'Include files matching pattern (repeatable).' }),
  exclude: Flags.string({ helpGroup: FILTERS, multiple: true, multipleNonGreedy: true, description: 'Exclude files matching pattern (repeatable).' }),
  filter: Flags.string({ char: 'f', helpGroup: FILTERS, multiple: true, multipleNonGreedy: true, description: 'Add a file filtering rule: "+ pattern", "- pattern" or "!" (repeatable).' }),
  'include-from': Flags.string({ helpGroup: FILTERS, multiple: true, multipleNonGreedy: true, description: 'Read include patterns from file (use - to read from stdin).' }),
  'exclude-from': Flags.string({ helpGroup: FILTERS, multiple: true, multipleNonGreedy: true, description: 'Read exclude patterns from file (use - to read from stdin).' }),
  'filter-from': Flags.string({ helpGroup: FILTERS, multiple: true, multipleNonGreedy: true, description: 'Read filtering rules from file (use - to read from stdin).' }),
  'files-from': Flags.string({ helpGroup: FILTERS, multiple: true, multipleNonGreedy: true, description: 'Read list of source-file names from file (use - to read from stdin).' }),
  'min-age': Flags.string({ helpGroup: FILTERS, description: 'Only transfer files older than this: a duration (90s, 2d) or a date (2024-01-31).' }),
  'max-age': Flags.string({ helpGroup: FILTERS, description: 'Only transfer files younger than this: a duration (90s, 2d) or a date (2024-01-31).' }),
  'ignore-case': Flags.boolean({ helpGroup: FILTERS, description: 'Ignore case in filters (case insensitive).' }),
  'delete-excluded': Flags.boolean({ helpGroup: FILTERS, description: 'Delete files on dest excluded from sync.' }),
  dump: Flags.string({ helpGroup: GLOBAL, description: 'List of items to dump from: filters (the compiled rules, then the command runs), headers, bodies, requests, responses, auth (HTTP dumps mask secrets). Turns on -vv.' }),
  'ignore-size': Flags.boolean({ helpGroup: GLOBAL, description: 'Ignore size when skipping; use modtime or checksum.' }),
  'ignore-case-sync': Flags.boolean({ helpGroup: GLOBAL, description: 'Ignore case when synchronizing: match names case-insensitively.' }),
  'retries-sleep': Flags.string({ helpGroup: GLOBAL, default: '0', description: 'Interval between retrying operations if they fail, e.g. 10s (0 to disable).' }),
  tpslimit: Flags.string({ helpGroup: GLOBAL, default: '0', description: 'Limit HTTP transactions per second to this (0 for no limit).' }),
  'error-on-no-transfer': Flags.boolean({ helpGroup: GLOBAL, description: 'Exit with code 9 if no files were transferred (useful in scripts).' }),
  'max-delete': Flags.integer({ helpGroup: GLOBAL, min: -1, max: MAX_INT, default: -1, description: 'When synchronizing, limit the number of deletes (-1 for no limit).' }),
  progress: Flags.boolean({ char: 'P', helpGroup: GLOBAL, description: 'Show progress during transfer (a live view on a terminal, stats lines otherwise).' }),
  // filters: the rest of rclone's filter flags
  'files-from-raw': Flags.string({ helpGroup: FILTERS, multiple: true, multipleNonGreedy: true, description: 'Read list of source-file names from file without any processing of lines (use - to read from stdin).' }),
  'exclude-if-present': Flags.string({ helpGroup: FILTERS, multiple: true, multipleNonGreedy: true, description: 'Exclude directories if filename is present (repeatable).' }),
  json: Flags.boolean({ helpGroup: GLOBAL, description: 'Write newline-delimited JSON events on stdout (see docs/sync.md).' }),
  'log-file': Flags.string({ helpGroup: GLOBAL, description: 'Log everything to this file instead of stderr.' }),
  // Log and stats formats, as rclone's.
  'use-json-log': Flags.boolean({ helpGroup: GLOBAL, description: 'Use JSON log format: one object per line with level, msg and time.' }),
  'stats-one-line': Flags.boolean({ helpGroup: GLOBAL, description: 'Make the stats fit on one line.' }),
  'stats-log-level': Flags.option({ helpGroup: GLOBAL, options: RCLONE_LOG_LEVELS, default: 'INFO', description: 'Log level to show --stats output at: DEBUG, INFO, NOTICE or ERROR.' })(),
  // Networking: TLS, User-Agent and HTTP dumps for every HTTP backend.
  'ca-cert': Flags.string({ helpGroup: NETWORKING, description: 'CA certificate (PEM) used to verify servers, in place of the system\'s.' }),
  'client-cert': Flags.string({ helpGroup: NETWORKING, description: 'Client SSL certificate (PEM) for mutual TLS; needs --client-key.' }),
  'client-key': Flags.string({ helpGroup: NETWORKING, description: 'Client SSL private key (PEM) for mutual TLS; needs --client-cert.' }),
  'user-agent': Flags.string({ helpGroup: NETWORKING, description: 'Set the user-agent to a specified string (default: each backend\'s own).' }),
  // Transfer flags: limits, backups and how destination files are treated.
  'max-transfer': Flags.string({ helpGroup: GLOBAL, description: 'Stop after transferring this much (a bare number is KiB; 10G, 500M); exit code 8.' }),
  'cutoff-mode': Flags.option({ helpGroup: GLOBAL, options: ['hard', 'soft', 'cautious', 'HARD', 'SOFT', 'CAUTIOUS'] as const, default: 'hard', description: 'How --max-transfer stops: hard (cut the file in flight), soft (finish those in flight), cautious (start none that could pass it).' })(),
  'max-duration': Flags.string({ helpGroup: GLOBAL, default: '0', description: 'Start no transfer after this long, e.g. 1h30m (0 = no limit); exit code 7.' }),
  bwlimit: Flags.string({ helpGroup: GLOBAL, description: 'Bandwidth limit in bytes/s (a bare number is KiB), up:down (10M:1M), or a timetable ("08:00,512k 12:00,off").' }),
  'backup-dir': Flags.string({ helpGroup: GLOBAL, description: 'Move files that would be replaced or deleted into this directory (on the destination\'s remote) instead.' }),
  suffix: Flags.string({ helpGroup: GLOBAL, description: 'Suffix added to files moved by --backup-dir; alone, renames them next to themselves.' }),
  'suffix-keep-extension': Flags.boolean({ helpGroup: GLOBAL, description: 'Put --suffix before the extension (file.bak.txt, not file.txt.bak).' }),
  immutable: Flags.boolean({ helpGroup: GLOBAL, description: 'Never modify a destination file: one that differs from its source is an error.' }),
  'no-update-modtime': Flags.boolean({ helpGroup: GLOBAL, description: "Don't update a destination file's modtime when it is otherwise identical." }),
  'ignore-errors': Flags.boolean({ helpGroup: GLOBAL, description: 'sync: delete extraneous files even when there were errors.' }),
  'compare-dest': Flags.string({ helpGroup: GLOBAL, multiple: true, multipleNonGreedy: true, description: 'Skip files found equal in this directory too (repeatable).' }),
  'copy-dest': Flags.string({ helpGroup: GLOBAL, multiple: true, multipleNonGreedy: true, description: 'Copy files found equal in this directory (on the destination\'s remote) from there (repeatable).' }),
  'track-renames': Flags.boolean({ helpGroup: GLOBAL, description: 'sync: rename destination files that were renamed on the source, instead of copying and deleting.' }),
  'track-renames-strategy': Flags.string({ helpGroup: GLOBAL, default: 'hash', description: 'What makes a renamed file the same: hash, modtime, leaf, or a comma list (size always).' }),
  links: Flags.boolean({ char: 'l', helpGroup: GLOBAL, description: 'Translate symlinks to and from regular files with a .rclonelink extension (local).' }),
  'skip-links': Flags.boolean({ helpGroup: GLOBAL, description: "Don't warn about skipped symlinks (local)." }),
  'one-file-system': Flags.boolean({ char: 'x', helpGroup: GLOBAL, description: "Don't cross filesystem boundaries (local)." }),
  'no-traverse': Flags.boolean({ helpGroup: GLOBAL, description: "Don't list the destination on copy or move: look up each source file's name instead (ignored by sync)." }),
  'fast-list': Flags.boolean({ helpGroup: GLOBAL, description: 'Read trees with one recursive listing where the backend can (s3, swift, memory): fewer requests, more memory.' }),
};

export type GlobalFlags = Interfaces.InferredFlags<typeof globalFlags>;
