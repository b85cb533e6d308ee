import { UsageError, type Entry } from '@rsyncish/core';
import { localSeconds } from './go-time.js';
import { DIRECTORY_MIME_TYPE, mimeTypeOfName } from './mime-type.js';

export interface LsfFormat {
  /** rclone's --format letters, in order. */
  format: string;
  separator: string;
  csv: boolean;
  dirSlash: boolean;
  absolute: boolean;
}

/** What a letter needs besides the entry: a hash value computed per file. */
export interface LsfValues {
  hash?: string;
}

/** The letters rclone's lsf knows; `e` (crypt names) and `M` (metadata) have no rsyncish backend to give them. */
const FIELDS: Record<string, (e: Entry, v: LsfValues, f: LsfFormat, now: number) => string> = {
  p: (e, _v, f) => `${f.absolute && !e.path.startsWith('/') ? '/' : ''}${e.path}${e.kind === 'dir' && f.dirSlash ? '/' : ''}`,
  s: (e) => String(e.size),
  t: (e, _v, _f, now) => localSeconds(e.modTime ?? now),
  h: (e, v) => (e.kind === 'dir' ? '' : v.hash ?? ''),
  i: (e) => e.id ?? '',
  o: () => '',
  m: (e) => (e.kind === 'dir' ? DIRECTORY_MIME_TYPE : e.mimeType || mimeTypeOfName(e.path)),
  T: () => '',
};

/** Refuse a letter rclone does not know (or we cannot fill) before anything is listed. */
export function checkLsfFormat(format: string): void {
  for (const ch of format) {
    if (!(ch in FIELDS)) {
      throw new UsageError('ERR_BAD_FORMAT', `unknown format character "${ch}" in --format "${format}"`, {
        hint: 'use the letters p (path), s (size), t (modtime), h (hash), i (ID), m (MIME type), o (original ID), T (tier)',
      });
    }
  }
}

/** One line of lsf: the fields joined by the separator, or one CSV record as Go's encoding/csv writes it. */
export function lsfLine(e: Entry, values: LsfValues, f: LsfFormat, now: number): string {
  const fields = [...f.format].map((ch) => FIELDS[ch](e, values, f, now));
  if (!f.csv) return fields.join(f.separator);
  const comma = [...f.separator][0] ?? ',';
  return fields.map((field) => csvField(field, comma)).join(comma);
}

function csvField(field: string, comma: string): string {
  if (field === '') return field;
  const quote = field === '\\.' || field.includes(comma) || /["\r\n]/.test(field) || /^\s/u.test(field);
  return quote ? `"${field.replace(/"/g, '""')}"` : field;
}
