import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../errors/index.js';
import { Filter } from './filter.js';
import { globToDirGlobs } from './dir-globs.js';
import { globToRegExp } from './glob.js';

const f = (path: string, size = 10, modTime = 0) => ({ path, size, modTime });

test('globs follow rclone: * stays in a segment, ** crosses, / anchors', () => {
  const m = (g: string, p: string) => globToRegExp(g).test(p);
  assert.ok(m('*.jpg', 'a.jpg'));
  assert.ok(m('*.jpg', 'dir/a.jpg'));
  assert.ok(!m('/*.jpg', 'dir/a.jpg'));
  assert.ok(m('/*.jpg', 'a.jpg'));
  assert.ok(m('dir/**', 'a/dir/x/y'));
  assert.ok(!m('/dir/**', 'a/dir/x'));
  assert.ok(m('file?.txt', 'file1.txt'));
  assert.ok(!m('file?.txt', 'file/.txt'));
  assert.ok(m('*.{jpg,png}', 'x.png'));
  assert.ok(m('[a-c]*', 'b1'));
  assert.ok(!m('[^a-c]*', 'b1'));
  // rclone passes a class to Go's regexp as written, where `!` is just a character.
  assert.ok(m('[!a-c]*', 'b1') && m('[!a-c]*', '!1') && !m('[!a-c]*', 'x1'));
  assert.ok(m('\\*.txt', '*.txt'));
  assert.ok(!m('\\*.txt', 'a.txt'));
  assert.ok(m('a.b', 'a.b') && !m('a.b', 'axb'));
  assert.ok(globToRegExp('*.JPG', true).test('x.jpg'));
  assert.throws(() => globToRegExp('[abc'), UsageError);
  assert.throws(() => globToRegExp('{a,b'), UsageError);
  assert.deepEqual(globToDirGlobs('/a/b/*.txt'), ['/a/b/', '/a/', '/']);
  assert.deepEqual(globToDirGlobs('*.jpg'), ['/**']);
});

test('--exclude leaves files out, and a trailing / excludes whole directories', () => {
  const filter = new Filter({ exclude: ['*.tmp', 'cache/'] });
  assert.ok(!filter.includeFile(f('x/a.tmp')));
  assert.ok(filter.includeFile(f('x/a.txt')));
  assert.ok(!filter.includeDir('x/cache'));
  assert.ok(filter.includeDir('x/other'));
});

test('--include adds an implicit exclude of everything else, keeping the directories that lead there', () => {
  const filter = new Filter({ include: ['/docs/**/*.md'] });
  assert.ok(filter.includeFile(f('docs/a/b.md')));
  assert.ok(!filter.includeFile(f('docs/a/b.txt')));
  assert.ok(!filter.includeFile(f('top.md')));
  assert.ok(filter.includeDir('docs'));
  assert.ok(filter.includeDir('docs/a'));
  assert.ok(!filter.includeDir('src'));
});

test('--include with --exclude warns about order; --filter rules apply in order, first match wins', () => {
  assert.equal(new Filter({ include: ['*.a'], exclude: ['*.b'] }).warnings.length, 1);
  const filter = new Filter({ filter: ['+ keep/important.log', '- *.log', '+ **'] });
  assert.ok(filter.includeFile(f('keep/important.log')));
  assert.ok(!filter.includeFile(f('keep/other.log')));
  const cleared = new Filter({ filter: ['- *.log', '!'] });
  assert.ok(cleared.includeFile(f('x.log')));
  assert.throws(() => new Filter({ filter: ['* x'] }), /malformed rule/);
});

test('--filter-from, --include-from, --exclude-from read rules from files, skipping comments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rsyncish-filter-'));
  writeFileSync(join(dir, 'rules'), '# comment\n; also\n\n- secret/**\n+ *.txt\n- *\n');
  writeFileSync(join(dir, 'inc'), '*.md\n');
  writeFileSync(join(dir, 'exc'), '*.bak\n');
  const ff = new Filter({ filterFrom: [join(dir, 'rules')] });
  assert.ok(ff.includeFile(f('a.txt')));
  assert.ok(!ff.includeFile(f('secret/a.txt')));
  assert.ok(!ff.includeFile(f('a.jpg')));
  const inc = new Filter({ includeFrom: [join(dir, 'inc')] });
  assert.ok(inc.includeFile(f('x/y.md')) && !inc.includeFile(f('y.txt')));
  const exc = new Filter({ excludeFrom: [join(dir, 'exc')] });
  assert.ok(!exc.includeFile(f('y.bak')) && exc.includeFile(f('y.txt')));
  assert.throws(() => new Filter({ filterFrom: [join(dir, 'missing')] }), /--filter-from: cannot read/);
});

test('--files-from takes exactly the listed files and the directories leading to them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rsyncish-filter-'));
  writeFileSync(join(dir, 'list'), 'a/b/c.txt\n/top.txt\n');
  const filter = new Filter({ filesFrom: [join(dir, 'list')] });
  assert.ok(filter.includeFile(f('a/b/c.txt')));
  assert.ok(filter.includeFile(f('top.txt')));
  assert.ok(!filter.includeFile(f('a/b/d.txt')));
  assert.ok(filter.includeDir('a') && filter.includeDir('a/b') && !filter.includeDir('z'));
});

test('--min-size, --max-size, --min-age and --max-age bound files', () => {
  const now = Date.parse('2024-06-01T00:00:00Z');
  const filter = new Filter({ minSize: 5, maxSize: 100, minAge: '1d', maxAge: '30d' }, now);
  const day = 86_400_000;
  assert.ok(filter.includeFile(f('ok', 50, now - 2 * day)));
  assert.ok(!filter.includeFile(f('small', 4, now - 2 * day)));
  assert.ok(!filter.includeFile(f('big', 101, now - 2 * day)));
  assert.ok(!filter.includeFile(f('young', 50, now - 3_600_000)));
  assert.ok(!filter.includeFile(f('old', 50, now - 31 * day)));
  const dated = new Filter({ maxAge: '2024-05-01' }, now);
  assert.ok(!dated.includeFile(f('x', 1, Date.parse('2024-04-01T00:00:00'))));
  assert.throws(() => new Filter({ minAge: '30d', maxAge: '1d' }, now), /--min-age can't be larger/);
  assert.throws(() => new Filter({ maxAge: 'soon' }, now), /--max-age/);
});

test('dump prints the rules as rclone does, with / unescaped', () => {
  const f = new Filter({ include: ['*.txt'] });
  assert.equal(f.dump(), ['--- File filter rules ---', '+ (^|/)[^/]*\\.txt$', '- ^.*$', '--- Directory filter rules ---', '+ ^.*$', '- ^.*$'].join('\n'));
});
