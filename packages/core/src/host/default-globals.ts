import type { BackendGlobals } from '../contract/index.js';

/** rclone's defaults for the global flags a backend honours (--low-level-retries 10, --timeout 5m, ...). */
export const DEFAULT_BACKEND_GLOBALS: BackendGlobals = {
  lowLevelRetries: 10,
  tpsLimit: 0,
  copyLinks: false,
  timeoutMs: 5 * 60 * 1000,
};
