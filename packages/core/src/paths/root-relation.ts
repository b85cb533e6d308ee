import type { RootLocation } from '../contract/index.js';

/**
 * How two remote roots sit relative to each other. `rel` is the inner root's
 * path below the outer one, as the outer remote sees it.
 */
export type RootRelation =
  | { kind: 'apart' }
  | { kind: 'same' }
  | { kind: 'dst-inside-src'; rel: string }
  | { kind: 'src-inside-dst'; rel: string };

/**
 * Compare by whole path segments (`a/b` is not inside `a/bc`), case-folded
 * when either side says its names are case-insensitive.
 */
export function rootRelation(src: RootLocation, dst: RootLocation): RootRelation {
  if (src.store !== dst.store) return { kind: 'apart' };
  const fold = src.caseInsensitive || dst.caseInsensitive;
  const s = segments(src.path, fold);
  const d = segments(dst.path, fold);
  const shorter = Math.min(s.length, d.length);
  for (let i = 0; i < shorter; i++) if (s[i] !== d[i]) return { kind: 'apart' };
  if (s.length === d.length) return { kind: 'same' };
  // `rel` keeps the inner root's own spelling, for messages and filter rules.
  if (d.length > s.length) return { kind: 'dst-inside-src', rel: segments(dst.path, false).slice(s.length).join('/') };
  return { kind: 'src-inside-dst', rel: segments(src.path, false).slice(d.length).join('/') };
}

function segments(path: string, fold: boolean): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  return fold ? parts.map((p) => p.toLowerCase()) : parts;
}
