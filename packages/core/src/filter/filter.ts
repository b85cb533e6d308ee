import type { Backend, Entry } from '../contract/index.js';
import { NotFoundError, UsageError } from '../errors/index.js';
import { parseDuration } from '../units/index.js';
import { globToDirGlobs } from './dir-globs.js';
import { compileGlob } from './glob.js';
import { readLines } from './read-lines.js';

/** Filter flags as rclone users give them. Every field is optional. */
export interface FilterOptions {
  include?: string[];
  exclude?: string[];
  /** `+ glob`, `- glob` or `!` (clear). */
  filter?: string[];
  includeFrom?: string[];
  excludeFrom?: string[];
  filterFrom?: string[];
  /** Files listing exact paths to transfer, one per line. */
  filesFrom?: string[];
  /** Files listing exact paths, every line as written (--files-from-raw). */
  filesFromRaw?: string[];
  /** Exact paths, as a --files-from file lists them (a path naming a file is a root holding just it). */
  files?: string[];
  /** --exclude-if-present: a directory holding a file of one of these names is left out whole. */
  excludeIfPresent?: string[];
  /** Bytes; -1/undefined = no limit. */
  minSize?: number;
  maxSize?: number;
  /** Durations (`2d`) or dates (`2024-01-31`, RFC 3339). */
  minAge?: string;
  maxAge?: string;
  ignoreCase?: boolean;
}

interface Rule {
  include: boolean;
  re: RegExp;
  /** The Go regexp rclone would use, as --dump filters prints it. */
  text: string;
}

/** An ordered rule list that, as rclone's, never holds the same rule twice. */
class Rules {
  list: Rule[] = [];
  private seen = new Set<string>();

  add(rule: Rule): void {
    const key = `${rule.include ? '+' : '-'} ${rule.text}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(rule);
  }

  clear(): void {
    this.list = [];
    this.seen.clear();
  }
}

/**
 * rclone's filter semantics: rules are tried in order and the first match wins;
 * no match includes. Rule order is --include, --include-from, --exclude,
 * --exclude-from, --filter, --filter-from, then an implicit `- /**` when any
 * include rule was given. Directories have their own rule list so excluded
 * trees are never even listed.
 */
export class Filter {
  private readonly fileRules = new Rules();
  private readonly dirRules = new Rules();
  private files?: Set<string>;
  private dirs?: Set<string>;
  private readonly minSize?: number;
  private readonly maxSize?: number;
  /** Files modified before this (ms) are excluded (--max-age). */
  private readonly modFrom?: number;
  /** Files modified after this (ms) are excluded (--min-age). */
  private readonly modTo?: number;
  private readonly excludeFile: string[];
  /** Warnings to show once (e.g. --include mixed with --exclude). */
  readonly warnings: string[] = [];

  constructor(readonly options: FilterOptions = {}, now = Date.now()) {
    const o = options;
    const ic = o.ignoreCase ?? false;
    const add = (include: boolean, glob: string) => this.add(include, glob, ic);
    let implicitExclude = false;
    let sawExclude = false;
    for (const g of o.include ?? []) { add(true, g); implicitExclude = true; }
    for (const f of o.includeFrom ?? []) { for (const g of readLines(f, '--include-from')) add(true, g); implicitExclude = true; }
    for (const g of o.exclude ?? []) { add(false, g); sawExclude = true; }
    for (const f of o.excludeFrom ?? []) { for (const g of readLines(f, '--exclude-from')) add(false, g); sawExclude = true; }
    if (implicitExclude && sawExclude) {
      this.warnings.push('Using --filter is recommended instead of both --include and --exclude as the order they are parsed in is indeterminate');
    }
    for (const r of o.filter ?? []) this.addRule(r, ic, '--filter');
    for (const f of o.filterFrom ?? []) for (const r of readLines(f, '--filter-from')) this.addRule(r, ic, `--filter-from ${f}`);
    this.minSize = o.minSize !== undefined && o.minSize >= 0 ? o.minSize : undefined;
    this.maxSize = o.maxSize !== undefined && o.maxSize >= 0 ? o.maxSize : undefined;
    if (o.maxAge) this.modFrom = ageToTime(o.maxAge, now, '--max-age');
    if (o.minAge) this.modTo = ageToTime(o.minAge, now, '--min-age');
    if (this.modFrom !== undefined && this.modTo !== undefined && this.modTo < this.modFrom) {
      throw new UsageError('ERR_BAD_FILTER', "--min-age can't be larger than --max-age", { hint: 'swap the two values' });
    }
    this.excludeFile = o.excludeIfPresent ?? [];
    this.addFileLists(o);
    if (implicitExclude) add(false, '/**');
  }

  /**
   * --files-from and --files-from-raw name the files outright, so any other
   * filter beside them would be silently ignored: refuse, as rclone does.
   */
  private addFileLists(o: FilterOptions): void {
    const lists: [string, string[], boolean][] = [
      ['--files-from', o.filesFrom ?? [], false],
      ['--files-from-raw', o.filesFromRaw ?? [], true],
    ];
    const otherFilters = this.active;
    for (const [flag, files, raw] of lists) {
      if (files.length === 0) continue;
      if (otherFilters) {
        const other = flag === '--files-from' ? '--files-from-raw' : '--files-from';
        throw new UsageError('ERR_FILES_FROM_MIXED', `the usage of ${flag} overrides all other filters, it should be used alone or with ${other}`, {
          hint: `drop the other filter flags, or apply them when making the ${flag} list`,
        });
      }
      this.files ??= new Set();
      this.dirs ??= new Set();
      for (const file of files) for (const line of readLines(file, flag, raw)) this.addFile(line);
    }
    if (o.files !== undefined) {
      this.files ??= new Set();
      this.dirs ??= new Set();
      for (const line of o.files) this.addFile(line);
    }
  }

  /** Whether any rule at all is in force (lets callers skip work). */
  get active(): boolean {
    return this.fileRules.list.length > 0 || this.dirRules.list.length > 0 || this.files !== undefined ||
      this.minSize !== undefined || this.maxSize !== undefined || this.modFrom !== undefined || this.modTo !== undefined ||
      this.excludeFile.length > 0;
  }

  /**
   * One glob as rclone's Filter.Add: a glob ending in `/` is a directory rule
   * (an excluded `dir/` becomes `dir/**`, so the files under it go too), a
   * glob with `**` is both kinds, an include rule also keeps the directories
   * its files could be in.
   */
  private add(include: boolean, glob: string, ignoreCase: boolean): void {
    let isDirRule = glob.endsWith('/');
    let isFileRule = !isDirRule;
    if (isDirRule && !include) glob += '**';
    if (glob.includes('**')) isDirRule = isFileRule = true;
    const { re, source } = compileGlob(glob, ignoreCase);
    if (isFileRule) {
      this.fileRules.add({ include, re, text: source });
      // An exclude rule cannot rule a directory out, except `*` which matches everything.
      if (include || glob === '*') {
        for (const d of globToDirGlobs(glob)) {
          if (d === '/') continue; // the root is always listed
          const dir = compileGlob(d, ignoreCase);
          this.dirRules.add({ include, re: dir.re, text: dir.source });
        }
      }
    }
    if (isDirRule) this.dirRules.add({ include, re, text: source });
  }

  private addRule(rule: string, ignoreCase: boolean, where: string): void {
    if (rule === '!') {
      this.fileRules.clear();
      this.dirRules.clear();
    } else if (rule.startsWith('+ ')) {
      this.add(true, rule.slice(2), ignoreCase);
    } else if (rule.startsWith('- ')) {
      this.add(false, rule.slice(2), ignoreCase);
    } else {
      throw new UsageError('ERR_BAD_FILTER', `malformed rule ${JSON.stringify(rule)} in ${where}`, {
        hint: 'a filter rule is "+ pattern", "- pattern" or "!"',
      });
    }
  }

  private addFile(line: string): void {
    let p = line.replace(/^\/+|\/+$/g, '');
    if (p === '') return;
    this.files!.add(p);
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/')) {
      p = p.slice(0, i);
      if (this.dirs!.has(p)) break;
      this.dirs!.add(p);
    }
  }

  /** Whether a file takes part in the run. */
  includeFile(e: Pick<Entry, 'path' | 'size' | 'modTime'>): boolean {
    if (this.files) return this.files.has(e.path);
    if (this.modFrom !== undefined && e.modTime !== undefined && e.modTime < this.modFrom) return false;
    if (this.modTo !== undefined && e.modTime !== undefined && e.modTime > this.modTo) return false;
    if (this.minSize !== undefined && e.size >= 0 && e.size < this.minSize) return false;
    if (this.maxSize !== undefined && e.size >= 0 && e.size > this.maxSize) return false;
    return firstMatch(this.fileRules.list, e.path);
  }

  /** Whether a directory is listed at all (--exclude-if-present aside: see excludedByMarker). */
  includeDir(path: string): boolean {
    const p = path.replace(/^\/+|\/+$/g, '');
    if (this.dirs) return this.dirs.has(p);
    return firstMatch(this.dirRules.list, `${p}/`);
  }

  /** Entry-level check: directories by dir rules, files by file rules. */
  include(e: Entry): boolean {
    return e.kind === 'dir' ? this.includeDir(e.path) : this.includeFile(e);
  }

  /** Whether --files-from (or -raw) names the files. */
  get hasFilesFrom(): boolean {
    return this.files !== undefined;
  }

  /** Whether --exclude-if-present is in force (so walkers know to look). */
  get hasExcludeMarkers(): boolean {
    return this.excludeFile.length > 0;
  }

  /** --exclude-if-present: whether a directory's own listing holds one of the marker files. */
  listingHasMarker(entries: readonly Entry[]): boolean {
    if (this.excludeFile.length === 0) return false;
    return entries.some((e) => e.kind === 'file' && this.excludeFile.includes(e.path.slice(e.path.lastIndexOf('/') + 1)));
  }

  /**
   * --exclude-if-present: whether the directory at `dir` holds a marker file,
   * asked of the backend before the directory is listed (as rclone does), so
   * the directory itself is left out, not only its contents.
   */
  async excludedByMarker(backend: Pick<Backend, 'stat'>, dir: string): Promise<boolean> {
    for (const name of this.excludeFile) {
      try {
        const e = await backend.stat(dir === '' ? name : `${dir}/${name}`);
        if (e.kind === 'file') return true;
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
    }
    return false;
  }

  /**
   * Whether directory rules can prune the walk: false when there are none or
   * the first one includes every directory (rclone's UsesDirectoryFilters,
   * which decides between walking and one recursive listing).
   */
  usesDirectoryFilters(): boolean {
    const first = this.dirRules.list[0];
    if (!first) return false;
    return !(first.include && first.text === '^.*$');
  }

  /** The rules as rclone's --dump filters prints them. */
  dump(): string {
    const line = (r: Rule) => `${r.include ? '+' : '-'} ${r.text}`;
    const ages: string[] = [];
    if (this.modFrom !== undefined) ages.push(`Last-modified date must be equal or greater than: ${goTime(this.modFrom)}`);
    if (this.modTo !== undefined) ages.push(`Last-modified date must be equal or less than: ${goTime(this.modTo)}`);
    return [...ages, '--- File filter rules ---', ...this.fileRules.list.map(line), '--- Directory filter rules ---', ...this.dirRules.list.map(line)].join('\n');
  }
}

function firstMatch(rules: Rule[], path: string): boolean {
  for (const r of rules) if (r.re.test(path)) return r.include;
  return true;
}

/** A time as Go's Time.String writes it, in UTC: `2024-06-01 12:00:00.5 +0000 UTC`. */
function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(19, 23).replace(/\.?0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac} +0000 UTC`;
}

function ageToTime(text: string, now: number, flag: string): number {
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const t = Date.parse(text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T'));
    if (Number.isNaN(t)) throw new UsageError('ERR_BAD_FILTER', `invalid ${flag} date "${text}"`, { hint: 'use 2024-01-31 or 2024-01-31T12:00:00Z' });
    return t;
  }
  return now - parseDuration(text, `flag ${flag}`);
}
