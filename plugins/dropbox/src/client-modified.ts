/**
 * A modtime as Dropbox's `client_modified`: UTC, whole seconds, rounded to
 * the nearest second as rclone rounds it (the API refuses fractions).
 */
export function clientModified(modTimeMs: number): string {
  return new Date(Math.round(modTimeMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
