/** A path as the user typed it, split into the remote it names and the path inside. */
export interface RemotePath {
  /** Configured remote name, or undefined for a plain local path. */
  remote?: string;
  /** Path inside the remote (may be ''), or the local filesystem path. */
  path: string;
  /** What the user typed, for messages. */
  text: string;
}

// rclone's rule: a remote name is letters, digits, `_`, `-`, `.`, `+`, `@`, and space (not first).
const REMOTE_RE = /^([\w.+@-][\w.+@ -]*):(.*)$/s;

/**
 * `remote:path` and `remote:` name a configured remote; anything else is local.
 * Like rclone, a name before `:` that contains a path separator is local
 * (`./a:b`, `/tmp/a:b`), and so is a Windows-style drive letter on Windows only.
 */
export function parseRemotePath(text: string): RemotePath {
  const m = REMOTE_RE.exec(text);
  if (!m || text.startsWith('/') || text.startsWith('.')) return { path: text, text };
  return { remote: m[1], path: m[2], text };
}
