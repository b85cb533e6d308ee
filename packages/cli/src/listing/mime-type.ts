import { readFileSync } from 'node:fs';

/**
 * The MIME type of a name, as rclone finds it for a backend that stores none
 * (Go's mime.TypeByExtension): Go's own small table first, then the system's
 * shared-mime-info globs (the first, highest-weighted type of each plain
 * `*.ext`), or, where that file is missing, mime.types files. Text types get
 * `; charset=utf-8` as Go adds it. Reading the same system files as Go keeps
 * lsjson and lsf byte-identical to rclone's on the same machine.
 */
export function mimeTypeOfName(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  if (dot <= slash) return 'application/octet-stream';
  const ext = name.slice(dot);
  const table = load();
  return table.exact.get(ext) ?? table.lower.get(ext.toLowerCase()) ?? 'application/octet-stream';
}

export const DIRECTORY_MIME_TYPE = 'inode/directory';

const GO_BUILTIN: Record<string, string> = {
  '.avif': 'image/avif', '.css': 'text/css; charset=utf-8', '.gif': 'image/gif', '.htm': 'text/html; charset=utf-8',
  '.html': 'text/html; charset=utf-8', '.jpeg': 'image/jpeg', '.jpg': 'image/jpeg', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.mjs': 'text/javascript; charset=utf-8', '.pdf': 'application/pdf', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.webp': 'image/webp', '.xml': 'text/xml; charset=utf-8',
};

const GLOBS = ['/usr/local/share/mime/globs2', '/usr/share/mime/globs2'];
const TYPE_FILES = ['/etc/mime.types', '/etc/apache2/mime.types', '/etc/apache/mime.types', '/etc/httpd/conf/mime.types'];

interface Table {
  exact: Map<string, string>;
  lower: Map<string, string>;
}

let table: Table | undefined;

function load(): Table {
  if (table) return table;
  const t: Table = { exact: new Map(), lower: new Map() };
  for (const [ext, type] of Object.entries(GO_BUILTIN)) {
    t.exact.set(ext, type);
    t.lower.set(ext, type);
  }
  if (!GLOBS.some((file) => loadGlobs(t, file))) for (const file of TYPE_FILES) loadTypes(t, file);
  table = t;
  return t;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `weight:type:*.ext` lines, highest weight first: the first type seen for an extension wins. */
function loadGlobs(t: Table, file: string): boolean {
  const text = read(file);
  if (text === undefined) return false;
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 3 || fields[0].length < 1 || fields[2].length < 3) continue;
    if (fields[0][0] === '#' || !fields[2].startsWith('*.')) continue;
    const ext = fields[2].slice(1);
    if (/[?*[]/.test(ext) || t.exact.has(ext)) continue;
    set(t, ext, fields[1]);
  }
  return true;
}

/** `type ext ext ...` lines; a later file overrides an earlier one. */
function loadTypes(t: Table, file: string): void {
  const text = read(file);
  if (text === undefined) return;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length <= 1 || fields[0].startsWith('#')) continue;
    for (const ext of fields.slice(1)) {
      if (ext.startsWith('#')) break;
      set(t, `.${ext}`, fields[0]);
    }
  }
}

function set(t: Table, ext: string, type: string): void {
  const full = type.startsWith('text/') && !/;\s*charset=/i.test(type) ? `${type.toLowerCase()}; charset=utf-8` : type;
  t.exact.set(ext, full);
  t.lower.set(ext.toLowerCase(), full);
}
