import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { walk } from '../engine/walk.js';
import { TestMemoryBackend } from '../testing/memory-backend.js';
import { globToDirGlobs } from './dir-globs.js';
import { Filter, type FilterOptions } from './filter.js';
import { compileGlob, globToRegExp } from './glob.js';
import { readLines } from './read-lines.js';

/**
 * Every case of rclone-cases.json (rclone 1.60's own filter tests and the
 * filtering docs' examples) run against our filter code. A failure names the
 * case and where in rclone it comes from.
 */
interface Setup {
  rules?: string[];
  include?: string[];
  exclude?: string[];
  ignoreCase?: boolean;
  files?: string[];
  minSize?: number;
  maxSize?: number;
  /** Unix seconds, as rclone's tests set ModTimeFrom/ModTimeTo. */
  modTimeFrom?: number;
  modTimeTo?: number;
  filterFromText?: string;
  includeFromText?: string;
  excludeFromText?: string;
  filesFromText?: string;
  filesFromRawText?: string;
  excludeIfPresent?: string[];
}
type Case = { kind: string; from: string } & Record<string, unknown>;

const data = JSON.parse(readFileSync(new URL('../../src/filter/rclone-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };
const dir = mkdtempSync(join(tmpdir(), 'rsyncish-rclone-cases-'));
let n = 0;
const file = (text: string) => {
  const p = join(dir, `f${n++}`);
  writeFileSync(p, text);
  return p;
};
const iso = (s: number) => new Date(s * 1000).toISOString();

function filterOf(s: Setup): Filter {
  const o: FilterOptions = {
    filter: s.rules,
    include: s.include,
    exclude: s.exclude,
    ignoreCase: s.ignoreCase,
    files: s.files,
    minSize: s.minSize,
    maxSize: s.maxSize,
    maxAge: s.modTimeFrom === undefined ? undefined : iso(s.modTimeFrom),
    minAge: s.modTimeTo === undefined ? undefined : iso(s.modTimeTo),
    filterFrom: s.filterFromText === undefined ? undefined : [file(s.filterFromText)],
    includeFrom: s.includeFromText === undefined ? undefined : [file(s.includeFromText)],
    excludeFrom: s.excludeFromText === undefined ? undefined : [file(s.excludeFromText)],
    filesFrom: s.filesFromText === undefined ? undefined : [file(s.filesFromText)],
    filesFromRaw: s.filesFromRawText === undefined ? undefined : [file(s.filesFromRawText)],
    excludeIfPresent: s.excludeIfPresent,
  };
  return new Filter(o);
}

const runners: Record<string, (c: Case) => Promise<void> | void> = {
  glob(c) {
    const glob = c.glob as string;
    if (c.error !== undefined) {
      assert.throws(() => compileGlob(glob, c.ignoreCase as boolean), (err: Error) => err.message.includes(c.error as string));
    } else {
      assert.equal(compileGlob(glob, c.ignoreCase as boolean).source, c.want);
    }
  },
  dirGlobs(c) {
    globToRegExp(c.glob as string);
    assert.deepEqual(globToDirGlobs(c.glob as string), c.want);
  },
  match(c) {
    const f = filterOf({ rules: [`+ ${c.glob}`, '- *'], ignoreCase: c.ignoreCase as boolean });
    assert.equal(f.includeFile({ path: c.path as string, size: 0, modTime: 0 }), c.want);
  },
  file(c) {
    const f = filterOf(c.setup as Setup);
    assert.equal(f.includeFile({ path: c.path as string, size: c.size as number, modTime: (c.modTime as number) * 1000 }), c.want);
  },
  dir(c) {
    assert.equal(filterOf(c.setup as Setup).includeDir(c.path as string), c.want);
  },
  dump(c) {
    assert.equal(filterOf(c.setup as Setup).dump(), c.want);
  },
  error(c) {
    assert.throws(() => filterOf(c.setup as Setup), (err: Error) => err.message.includes(c.error as string));
  },
  filesFrom(c) {
    const f = filterOf(c.setup as Setup);
    for (const p of c.want as string[]) assert.ok(f.includeFile({ path: p, size: 0, modTime: 0 }), p);
    assert.ok(!f.includeFile({ path: 'not-listed', size: 0, modTime: 0 }));
  },
  lines(c) {
    assert.equal(readLines(file(c.text as string), '--test', c.raw as boolean).join(','), c.want);
  },
  usesDirectoryFilters(c) {
    assert.equal(filterOf(c.setup as Setup).usesDirectoryFilters(), c.want);
  },
  async excludeIfPresent(c) {
    const backend = new TestMemoryBackend();
    for (const p of c.tree as string[]) backend.addFile(p, 'x');
    const got: string[] = [];
    for await (const e of walk(backend, { filter: filterOf(c.setup as Setup), onError: (p, err) => assert.fail(`${p}: ${err.message}`) })) {
      got.push(e.kind === 'dir' ? `${e.path}/` : e.path);
    }
    assert.deepEqual(got.sort(), c.want);
  },
};

test('the case file holds at least 300 of rclone\'s filter cases', () => {
  assert.ok(data.cases.length >= 300, `${data.cases.length} cases`);
});

for (const [i, c] of data.cases.entries()) {
  const what = JSON.stringify({ ...c, kind: undefined, from: undefined });
  test(`rclone case ${i} (${c.kind}, ${c.from}): ${what.length > 140 ? `${what.slice(0, 140)}...` : what}`, async () => {
    const run = runners[c.kind];
    assert.ok(run, `no runner for kind ${c.kind}`);
    await run(c);
  });
}
