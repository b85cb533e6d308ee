import { readFileSync } from 'node:fs';
import type { Entry } from '../contract/index.js';
import { UsageError } from '../errors/index.js';
import { parseDuration } from '../units/index.js';
import { globToDirGlobs, globToRegExp } from './glob.js';

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
  /** Exact paths, as a --files-from file lists them (a path naming a file is a root holding just it). */
  files?: string[];
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
  text: string;
}

/**
 * rclone's filter semantics: rules are tried in order and the first match wins;
 * no match includes. Rule order is --include, --include-from, --exclude,
 * --exclude-from, --filter, --filter-from, then an implicit `- /**` when any
 * include rule was given. Directories have their own rule list so excluded
 * trees are never even listed.
 */
export class Filter {
  private fileRules: Rule[] = [];
  private dirRules: Rule[] = [];
  private files?: Set<string>;
  private dirs?: Set<string>;
  private readonly minSize?: number;
  private readonly maxSize?: number;
  /** Files modified before this (ms) are excluded (--max-age). */
  private readonly modFrom?: number;
  /** Files modified after this (ms) are excluded (--min-age). */
  private readonly modTo?: number;
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
    if (implicitExclude) add(false, '/**');
    const exact = [...(o.files ?? []), ...(o.filesFrom ?? []).flatMap((f) => readLines(f, '--files-from'))];
    if (o.files !== undefined || (o.filesFrom?.length ?? 0) > 0) {
      this.files ??= new Set();
      this.dirs ??= new Set();
      for (const line of exact) this.addFile(line);
    }
    this.minSize = o.minSize !== undefined && o.minSize >= 0 ? o.minSize : undefined;
    this.maxSize = o.maxSize !== undefined && o.maxSize >= 0 ? o.maxSize : undefined;
    if (o.maxAge) this.modFrom = ageToTime(o.maxAge, now, '--max-age');
    if (o.minAge) this.modTo = ageToTime(o.minAge, now, '--min-age');
    if (this.modFrom !== undefined && this.modTo !== undefined && this.modTo < this.modFrom) {
      throw new UsageError('ERR_BAD_FILTER', "--min-age can't be larger than --max-age", { hint: 'swap the two values' });
    }
  }

  /** Whether any rule at all is in force (lets callers skip work). */
  get active(): boolean {
    return this.fileRules.length > 0 || this.dirRules.length > 0 || this.files !== undefined ||
      this.minSize !== undefined || this.maxSize !== undefined || this.modFrom !== undefined || this.modTo !== undefined;
  }

  private add(include: boolean, glob: string, ignoreCase: boolean): void {
    let isDirRule = glob.endsWith('/');
    let isFileRule = !isDirRule;
    if (glob.includes('**')) isDirRule = isFileRule = true;
    const re = globToRegExp(glob, ignoreCase);
    if (isFileRule) {
      this.fileRules.push({ include, re, text: glob });
      // An include rule needs the directories leading to it; an exclude rule
      // cannot rule a directory out, except `*` which matches everything.
      if (include || glob === '*') {
        for (const d of globToDirGlobs(glob)) {
          if (d !== '/') this.dirRules.push({ include, re: globToRegExp(d, ignoreCase), text: d });
        }
      }
    }
    if (isDirRule) this.dirRules.push({ include, re, text: glob });
  }

  private addRule(rule: string, ignoreCase: boolean, where: string): void {
    if (rule === '!') {
      this.fileRules = [];
      this.dirRules = [];
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
    return firstMatch(this.fileRules, e.path);
  }

  /** Whether a directory is listed at all. */
  includeDir(path: string): boolean {
    if (this.dirs) return this.dirs.has(path);
    return firstMatch(this.dirRules, `${path}/`);
  }

  /** Entry-level check: directories by dir rules, files by file rules. */
  include(e: Entry): boolean {
    return e.kind === 'dir' ? this.includeDir(e.path) : this.includeFile(e);
  }

  /** The rules as rclone's --dump filters prints them. */
  dump(): string {
    // RegExp.source writes `/` as `\/`; rclone prints Go's regexp, which does not.
    const line = (r: Rule) => `${r.include ? '+' : '-'} ${r.re.source.replace(/\\\//g, '/')}`;
    return ['--- File filter rules ---', ...this.fileRules.map(line), '--- Directory filter rules ---', ...this.dirRules.map(line)].join('\n');
  }
}

function firstMatch(rules: Rule[], path: string): boolean {
  for (const r of rules) if (r.re.test(path)) return r.include;
  return true;
}

function readLines(file: string, flag: string): string[] {
  let text: string;
  try {
    text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError('ERR_FILTER_FILE', `${flag}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'check the file name',
    });
  }
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith(';'));
}

function ageToTime(text: string, now: number, flag: string): number {
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const t = Date.parse(text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T'));
    if (Number.isNaN(t)) throw new UsageError('ERR_BAD_FILTER', `invalid ${flag} date "${text}"`, { hint: 'use 2024-01-31 or 2024-01-31T12:00:00Z' });
    return t;
  }
  return now - parseDuration(text, `flag ${flag}`);
}
