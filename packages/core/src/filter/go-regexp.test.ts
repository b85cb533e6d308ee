import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGoRegexp, GoRegexpError } from './go-regexp.js';

const m = (re: string, s: string) => compileGoRegexp(re).test(s);

test("Perl classes are Go's ASCII ones: \\d \\w \\s and their negations", () => {
  assert.ok(m('^\\d\\d$', '42') && !m('^\\d$', '٣'));
  assert.ok(m('^\\w+$', 'a_Z9') && !m('^\\w$', 'é') && !m('^\\w$', '-'));
  assert.ok(m('^\\s$', '\t') && m('^\\s$', ' ') && !m('^\\s$', '\v') && !m('^\\s$', '\u00a0'));
  assert.ok(m('^\\D\\W\\S$', 'a-x') && !m('^\\D$', '5'));
  assert.ok(m('^[\\d\\s]+$', '1 2') && m('^[^\\d]$', 'x') && !m('^[^\\d]$', '7'));
});

test('POSIX classes work inside brackets, negated too', () => {
  assert.ok(m('^[[:alpha:]]+$', 'abcXYZ') && !m('^[[:alpha:]]$', '1'));
  assert.ok(m('^[[:digit:]]$', '7') && m('^[[:xdigit:]]+$', 'fA0'));
  assert.ok(m('^[^[:punct:]]$', 'a') && !m('^[^[:punct:]]$', '.') && !m('^[^[:punct:]]$', '~'));
  assert.ok(m('^[[:^alpha:]x]+$', '1x2') && !m('^[[:^alpha:]x]$', 'y'));
  assert.throws(() => compileGoRegexp('[[:nope:]]'), GoRegexpError);
});

test('escapes are Go\'s: \\a is the bell, \\x{..} a code point, \\Q..\\E literal text, punctuation as itself', () => {
  assert.ok(m('^\\a$', '\x07') && !m('^\\a$', 'a'));
  assert.ok(m('^\\x41\\x{1F600}$', 'A😀'));
  assert.ok(m('^\\101$', 'A') && m('^\\0$', '\0'));
  assert.ok(m('^\\Qa.b*\\E$', 'a.b*') && !m('^\\Qa.b\\E$', 'axb'));
  assert.ok(m('^\\-\\!\\ \\/$', '-! /'));
  assert.throws(() => compileGoRegexp('\\q'), /invalid escape sequence/);
  assert.throws(() => compileGoRegexp('\\1'), /invalid escape sequence/);
  assert.throws(() => compileGoRegexp('a\\'), /trailing backslash/);
});

test('a brace or bracket that starts nothing is a literal, as in Go', () => {
  assert.ok(m('^a{$', 'a{') && m('^a{,2}$', 'a{,2}') && m('^}]$', '}]'));
  assert.ok(m('^a{2,3}$', 'aaa') && !m('^a{2,3}$', 'a'));
  assert.ok(m('^[]a]+$', ']a]') && m('^[^]a]$', 'b'));
  assert.throws(() => compileGoRegexp('a{1001}'), /invalid repeat count/);
});

test('(?i) holds from where it stands to the end of its group; flags groups scope it', () => {
  assert.ok(m('^a((?i)jpg)$', 'aJPG') && !m('^a((?i)jpg)$', 'AJPG'));
  assert.ok(m('^(?i)k$', '\u212a') && m('^(?i)[a-c]$', 'B') && !m('^(?i)[^a-c]$', 'B'));
  assert.ok(m('^(?i:x)y$', 'Xy') && !m('^(?i:x)y$', 'XY'));
  assert.ok(m('^(?i)a(?-i)b$', 'Ab') && !m('^(?i)a(?-i)b$', 'AB'));
});

test('. stops only at a newline; (?s) lets it cross; ^ and $ are the text\'s ends', () => {
  assert.ok(m('^.$', '\r') && !m('^.$', '\n') && m('(?s)^.$', '\n'));
  assert.ok(!m('^a$', 'a\n') && m('\\Aa\\z', 'a'));
  assert.ok(m('(?m)^b$', 'a\nb\nc'));
});

test('Unicode classes: \\pL, \\p{Greek}, \\PN', () => {
  assert.ok(m('^\\pL+$', 'héλ') && m('^\\p{Greek}$', 'λ') && !m('^\\p{Greek}$', 'a') && m('^\\PN$', 'a'));
  assert.throws(() => compileGoRegexp('\\p{Nope}'), /invalid character class range/);
});

test('what Go refuses is refused: reversed ranges, lookarounds, stacked repeats, unbalanced groups', () => {
  assert.throws(() => compileGoRegexp('[a--b]'), /invalid character class range/);
  assert.throws(() => compileGoRegexp('(?=a)'), /invalid or unsupported Perl syntax/);
  assert.throws(() => compileGoRegexp('a**'), /invalid nested repetition operator/);
  assert.throws(() => compileGoRegexp('*a'), /missing argument to repetition operator/);
  assert.throws(() => compileGoRegexp('(a'), /missing closing \)/);
  assert.throws(() => compileGoRegexp('a)'), /unexpected \)/);
  assert.throws(() => compileGoRegexp('[a'), /missing closing \]/);
  assert.ok(m('^a*?b+?$', 'abb') && m('^(?U)a+$', 'aa'));
});
