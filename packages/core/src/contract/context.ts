import type { HttpTransport } from '../http/transport.js';
import type { Logger } from '../logging/logger.js';

/**
 * What a backend factory receives for one remote. Plugins take everything from
 * here instead of importing singletons, because an installed plugin may carry
 * its own copy of @rsyncish/core.
 */
export interface BackendContext {
  /** The remote's name (`remote`), or '' for a plain local path. */
  remoteName: string;
  /** Path inside the remote the user addressed, cleaned (`backup/x` of `remote:/backup/x/`). */
  root: string;
  /**
   * The same path exactly as typed (`/backup/x/`). Backends whose paths are
   * filesystem paths (local, sftp) use this, so `remote:/abs` stays absolute.
   */
  rawRoot: string;
  /** Option values, already parsed by type (size/duration -> number, bool -> boolean). */
  options: Record<string, string | number | boolean | undefined>;
  logger: Logger;
  /** Persist updated option values (refreshed OAuth tokens) to the config file. */
  saveOptions(values: Record<string, string>): Promise<void>;
  /** Milliseconds since the epoch; injectable so tests control time. */
  now(): number;
  /** Global settings the backend may honour. */
  globals: BackendGlobals;
}

export interface BackendGlobals {
  lowLevelRetries: number;
  /** Requests per second across the process, 0 = unlimited. */
  tpsLimit: number;
  /** Follow symlinks instead of skipping them (local backends). */
  copyLinks: boolean;
  /** Timeout for one HTTP request with no progress, ms. */
  timeoutMs: number;
  /** --ca-cert, --client-cert/--client-key, --user-agent, --dump: pass to every HttpClient the backend makes. */
  http?: HttpTransport;
  /** Skip symlinks without a notice (local backends: rclone's --skip-links). */
  skipLinks?: boolean;
  /** Do not descend into other filesystems (local backends: rclone's -x/--one-file-system). */
  oneFileSystem?: boolean;
  /** Symlinks as `.rclonelink` files (local backends: rclone's -l/--links). */
  links?: boolean;
  /** --transfers: how many files move at once (a backend that batches commits sizes its batches by it). */
  transfers?: number;
}
