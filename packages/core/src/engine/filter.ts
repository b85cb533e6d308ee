import type { Entry } from '../contract/index.js';

/** Which files take part in a run. Directories always pass (their files are filtered). */
export interface FilterOptions {
  /** Bytes; -1 or undefined = no limit. */
  minSize?: number;
  maxSize?: number;
}

export function makeFilter(o: FilterOptions): (e: Entry) => boolean {
  const min = o.minSize !== undefined && o.minSize >= 0 ? o.minSize : undefined;
  const max = o.maxSize !== undefined && o.maxSize >= 0 ? o.maxSize : undefined;
  return (e) => {
    if (e.kind === 'dir') return true;
    if (min !== undefined && e.size >= 0 && e.size < min) return false;
    if (max !== undefined && e.size >= 0 && e.size > max) return false;
    return true;
  };
}
