/** A resumable-upload chunk's `Content-Range`: which bytes it carries and the total, when known. */
export type ChunkRange =
  | { kind: 'status'; total: number | undefined }
  | { kind: 'bytes'; start: number; end: number; total: number | undefined };

/**
 * Parses `bytes a-b/total`, `bytes a-b/*`, `bytes *\/total` and `bytes *\/*` (the last two ask
 * only for the session's status). Undefined for anything else.
 */
export function parseContentRange(header: string | undefined): ChunkRange | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes\s+(?:(\d+)-(\d+)|(\*))\/(\d+|\*)\s*$/i.exec(header);
  if (!m) return undefined;
  const total = m[4] === '*' ? undefined : Number(m[4]);
  if (m[3] === '*') return { kind: 'status', total };
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end < start || (total !== undefined && end >= total)) return undefined;
  return { kind: 'bytes', start, end, total };
}

/** Chunks other than the last must be multiples of this; Drive keeps only whole multiples of them. */
export const CHUNK_GRANULARITY = 256 * 1024;
