import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempName } from './temp-name.js';
import { utimesSeconds } from './mod-time.js';
import { platformIsCaseInsensitive, readLocalOptions } from './options.js';

test('temp names are hidden, keep the real name, and end in .partial', () => {
  assert.equal(tempName('report.pdf', () => 'abcdef123456'), '.report.pdf.abcdef.partial');
  assert.match(tempName('é ü'), /^\.é ü\.[0-9a-f]{6}\.partial$/);
});

test('a temp name never exceeds 255 bytes, even for a 255-byte name', () => {
  const long = 'é'.repeat(127); // 254 bytes
  const t = tempName(long, () => 'abcdef123456');
  assert.equal(t, '.rsyncish.abcdef123456.partial');
  assert.ok(Buffer.byteLength(tempName('x'.repeat(239))) <= 255);
  assert.match(tempName('x'.repeat(239)), /^\.x+\.[0-9a-f]{6}\.partial$/);
});

test('utimes seconds sit half a microsecond above the wanted millisecond', () => {
  assert.equal(Math.floor(utimesSeconds(1_700_000_000_123) * 1e6), 1_700_000_000_123_000);
  assert.equal(Math.floor(utimesSeconds(1_700_000_000_123.9) * 1000), 1_700_000_000_123);
});

const ctx = (options: Record<string, boolean>, copyLinks = false) => ({
  options,
  globals: { copyLinks, lowLevelRetries: 10, tpsLimit: 0, timeoutMs: 0 },
});

test('-L (the global copyLinks) turns on copy_links', () => {
  assert.equal(readLocalOptions(ctx({}, true)).copyLinks, true);
  assert.equal(readLocalOptions(ctx({ copy_links: true })).copyLinks, true);
  assert.equal(readLocalOptions(ctx({})).copyLinks, false);
});

test('case sensitivity follows the platform unless an option forces it', () => {
  assert.equal(platformIsCaseInsensitive('linux'), false);
  assert.equal(platformIsCaseInsensitive('darwin'), true);
  assert.equal(platformIsCaseInsensitive('win32'), true);
  assert.equal(readLocalOptions(ctx({ case_insensitive: true })).caseInsensitive, true);
  assert.equal(readLocalOptions(ctx({ case_sensitive: true, case_insensitive: true })).caseInsensitive, false);
});
