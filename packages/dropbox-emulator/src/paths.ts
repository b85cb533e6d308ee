import { badInput, Failure, tagPath } from './errors.js';

/** A path argument as the client wrote it: under the root, or under a file or folder id. */
export type PathArg =
  | { kind: 'path'; segments: string[] }
  | { kind: 'id'; id: string; segments: string[] };

const PATTERN = '(/(.|[\\r\\n])*)|(ns:[0-9]+(/.*)?)|(id:.*)';

/** Names the desktop client never syncs; the API refuses to create them. */
const DISALLOWED = new Set(['desktop.ini', 'thumbs.db', '.ds_store', 'icon\r', '.dropbox', '.dropbox.attr']);

/** The longest name the service takes, counted as JavaScript (UTF-16) does, as Dropbox appears to. */
export const MAX_NAME_LENGTH = 255;

/** A UTF-16 surrogate without its other half: text that is not valid Unicode. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What Dropbox refuses in a name (rclone's dropbox encoder maps exactly these away): `.` and `..`,
 * a backslash, DEL, a trailing space, invalid Unicode, and more than 255 characters.
 */
function unstorable(name: string): boolean {
  return name === '.' || name === '..' || name.includes('\\') || name.includes('\x7f') || name.endsWith(' ')
    || LONE_SURROGATE.test(name) || name.length > MAX_NAME_LENGTH;
}

/**
 * Reads a path argument. `""` is the root (only where the route allows it); otherwise it must
 * start with `/` or `id:`, as the API's pattern says (a 400 naming the field when not). A name
 * Dropbox refuses, or `/` alone where the root is not allowed, is the endpoint's `malformed_path`
 * failure on the given side.
 */
export function parsePathArg(route: string, field: string, value: unknown, side: Failure['side'], allowRoot = false): PathArg {
  const malformed = (): Failure => new Failure(side, tagPath('malformed_path'));
  if (typeof value !== 'string') throw badInput(route, `request body: ${field}: expected string, got ${value === undefined ? 'nothing' : typeof value}`);
  if (value === '' && allowRoot) return { kind: 'path', segments: [] };
  if (value === '/') throw badInput(route, `request body: ${field}: Specify the root folder as an empty string rather than as "/".`);
  if (value === '' || !new RegExp(`^(${PATTERN})$`).test(value)) {
    throw badInput(route, `request body: ${field}: '${value}' did not match pattern '${PATTERN}'`);
  }
  if (value.startsWith('ns:')) throw new Failure(side, tagPath('not_found'));
  let id: string | undefined;
  let rest = value;
  if (value.startsWith('id:')) {
    const slash = value.indexOf('/');
    id = slash < 0 ? value : value.slice(0, slash);
    rest = slash < 0 ? '' : value.slice(slash);
  }
  // Dropbox reads "//a" and "/a/" as "/a" (rclone lists "//dir" when its root is the top).
  const segments = rest.split('/').filter((s) => s !== '');
  if (segments.some(unstorable)) throw malformed();
  if (segments.length === 0 && id === undefined && !allowRoot) throw malformed();
  return id === undefined ? { kind: 'path', segments } : { kind: 'id', id, segments };
}

/** A name the service will not store. */
export function checkStorableName(name: string): void {
  if (DISALLOWED.has(name.toLowerCase())) throw new Failure('write', tagPath('disallowed_name'));
}

/** Dropbox compares paths ignoring case; path_lower is this form. */
export function lower(text: string): string {
  return text.toLowerCase();
}

export function joinLower(segments: string[]): string {
  return segments.length === 0 ? '' : `/${segments.map(lower).join('/')}`;
}
