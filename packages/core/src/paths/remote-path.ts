import { UsageError } from '../errors/index.js';

/** A path as the user typed it, split into the remote it names and the path inside. */
export interface RemotePath {
  /** Configured remote name, or undefined for a plain local path or an on-the-fly remote. */
  remote?: string;
  /** `:type:path`, rclone's on-the-fly remote: a backend type used with no config section. */
  type?: string;
  /** Path inside the remote (may be ''), or the local filesystem path. */
  path: string;
  /** What the user typed, for messages. */
  text: string;
}

// rclone's rule: a remote name is letters, digits, `_`, `-`, `.`, `+`, `@`, and space (not first).
const REMOTE_RE = /^([\w.+@-][\w.+@ -]*):(.*)$/s;
// `:local:/tmp`, `:s3:bucket`; rclone also takes `:s3,provider=AWS:bucket`, which we refuse below.
const ON_THE_FLY_RE = /^:([\w-]+)(,[^:]*)?:(.*)$/s;

/**
 * `remote:path` and `remote:` name a configured remote, `:type:path` a backend
 * type with default options; anything else is local. Like rclone, a name
 * before `:` that contains a path separator is local (`./a:b`, `/tmp/a:b`),
 * and so is a Windows-style drive letter on Windows only. An empty string is
 * refused, as rclone does: it would silently mean the current directory.
 */
export function parseRemotePath(text: string): RemotePath {
  if (text === '') {
    throw new UsageError('ERR_EMPTY_PATH', "can't use empty string as a path", {
      hint: 'give "." for the current directory, or remote: for the root of a remote',
    });
  }
  const fly = ON_THE_FLY_RE.exec(text);
  if (fly) {
    if (fly[2] !== undefined) {
      throw new UsageError('ERR_BAD_PATH', `${JSON.stringify(text)}: options in an on-the-fly remote (",key=value") are not supported`, {
        hint: `set them with flags (--${fly[1]}-<option>=...) or environment variables, or configure a remote with "rsyncish config"`,
      });
    }
    return { type: fly[1], path: fly[3], text };
  }
  const m = REMOTE_RE.exec(text);
  if (!m || text.startsWith('/') || text.startsWith('.')) return { path: text, text };
  return { remote: m[1], path: m[2], text };
}
