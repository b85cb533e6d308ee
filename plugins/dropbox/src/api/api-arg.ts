/**
 * The `Dropbox-API-Arg` header value: the argument as JSON with every
 * character above 0x7E escaped as \uXXXX, since an HTTP header carries ASCII
 * only (Dropbox documents this; a name with `é` would otherwise be mangled).
 */
export function apiArgHeader(arg: unknown): string {
  return JSON.stringify(arg).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
