import type { RenameStrategy } from './track-renames.js';

/** Settings for one engine run, as the CLI parsed them from flags. */
export interface EngineOptions {
  dryRun: boolean;
  /** Parallel file transfers. */
  transfers: number;
  /** Parallel directory listings and checks. */
  checkers: number;
  /** Compare by hash instead of modtime. */
  checksum: boolean;
  /** Compare by size only. */
  sizeOnly: boolean;
  /** Do not let a size difference alone decide (rclone's --ignore-size). */
  ignoreSize: boolean;
  /** Skip files that exist on the destination, whatever their content. */
  ignoreExisting: boolean;
  /** Skip files that are newer on the destination. */
  update: boolean;
  /**
   * Modtimes closer than this (nanoseconds) are equal, unless a side's
   * precision is coarser (rclone's --modify-window; default 1 ns).
   */
  modifyWindowNs: number;
  /** Transfer every file, ignoring size and time. */
  ignoreTimes: boolean;
  /** Create empty source directories on the destination. */
  createEmptySrcDirs: boolean;
  /** sync: when extraneous destination files are deleted. */
  deleteMode: 'before' | 'during' | 'after';
  /** sync: also delete destination files the filters exclude. */
  deleteExcluded: boolean;
  /** Stop deleting after this many deletes; -1 = no limit. */
  maxDelete: number;
  /** move: remove source directories left empty. */
  deleteEmptySrcDirs: boolean;
  /**
   * Attempts per file when a transfer fails with a retryable typed error (the
   * middle retry layer, as rclone's --low-level-retries governs Copy).
   */
  fileRetries: number;
  /** Match names case-insensitively whatever the destination declares (--ignore-case-sync). */
  ignoreCaseSync: boolean;
  /** Never replace or touch a destination file that differs from its source: an error instead (--immutable). */
  immutable: boolean;
  /** A file equal but for its modtime keeps the destination's modtime (--no-update-modtime). */
  noUpdateModTime: boolean;
  /** sync: delete extraneous files even after errors (--ignore-errors). */
  ignoreErrors: boolean;
  /** Stop after this many bytes were transferred; -1 = no limit (--max-transfer). */
  maxTransfer: number;
  /** How --max-transfer and --max-duration stop (rclone's --cutoff-mode). */
  cutoffMode: CutoffMode;
  /** Stop starting transfers after this long, in nanoseconds; 0 = no limit (--max-duration). */
  maxDurationNs: number;
  /** sync: rename extraneous destination files that match new source files (--track-renames); empty = off. */
  trackRenames: RenameStrategy[];
  /** Read trees with one recursive listing where a backend has one (--fast-list). */
  fastList: boolean;
  /** copy, move: look up each source file on the destination instead of listing it (--no-traverse); sync ignores it. */
  noTraverse: boolean;
}

/**
 * hard: cut the transfer that reaches the limit and stop at once; soft: start
 * no transfer once the limit is reached; cautious: start none that could
 * reach it, counting what is in flight.
 */
export type CutoffMode = 'hard' | 'soft' | 'cautious';

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  dryRun: false,
  transfers: 4,
  checkers: 8,
  checksum: false,
  sizeOnly: false,
  ignoreSize: false,
  ignoreExisting: false,
  update: false,
  ignoreTimes: false,
  modifyWindowNs: 1,
  createEmptySrcDirs: false,
  deleteMode: 'after',
  deleteExcluded: false,
  maxDelete: -1,
  deleteEmptySrcDirs: false,
  fileRetries: 10,
  ignoreCaseSync: false,
  immutable: false,
  noUpdateModTime: false,
  ignoreErrors: false,
  maxTransfer: -1,
  cutoffMode: 'hard',
  maxDurationNs: 0,
  trackRenames: [],
  fastList: false,
  noTraverse: false,
};
