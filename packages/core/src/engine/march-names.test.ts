import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../contract/index.js';
import { matchNames } from './march.js';
import { DestinationNames } from './name-key.js';

const file = (path: string): Entry => ({ path, kind: 'file', size: 1 });
const nfc = 'caf\u00e9';
const nfd = 'cafe\u0301';
const exact = new DestinationNames({ caseInsensitive: false });
const show = (pairs: Array<{ src?: Entry; dst?: Entry }>) =>
  pairs.map((p) => `${p.src?.path ?? '-'} > ${p.dst?.path ?? '-'}`).sort();

test('a name matches its exact twin first; the other normalization stays destination-only', () => {
  const { pairs, clashes } = matchNames([file(nfc)], [file(nfd), file(nfc)], exact);
  assert.deepEqual(clashes, []);
  assert.deepEqual(show(pairs), [`- > ${nfd}`, `${nfc} > ${nfc}`].sort());
});

test('a lone normalization twin on each side is one file, as in rclone', () => {
  assert.deepEqual(show(matchNames([file(nfc)], [file(nfd)], exact).pairs), [`${nfc} > ${nfd}`]);
});

test('NFC and NFD source twins are two names where the destination keeps both', () => {
  const { pairs, clashes } = matchNames([file(nfc), file(nfd)], [file(nfc)], exact);
  assert.deepEqual(clashes, []);
  assert.deepEqual(show(pairs), [`${nfc} > ${nfc}`, `${nfd} > -`].sort());
});

test('names one encoding makes one stored name clash; case folds on a case-insensitive side', () => {
  // No InvalidUtf8 in the encoding: each invalid byte cannot be stored and becomes U+FFFD.
  const lossy = new DestinationNames({ caseInsensitive: false, nameEncoding: 'Slash,Dot' });
  const odd = 'r\uDCED\uDCA0\uDC80.txt';
  const three = 'r\uFFFD\uFFFD\uFFFD.txt';
  const { clashes, pairs } = matchNames([file(three), file(odd)], [file(three)], lossy);
  assert.deepEqual(clashes.map((g) => g.map((e) => e.path)), [[three, odd]]);
  assert.deepEqual(pairs, [], 'the destination file of that name is left out of the run');
  const acd = new DestinationNames({ caseInsensitive: true, nameEncoding: 'Slash,InvalidUtf8,Dot' });
  assert.deepEqual(matchNames([file('r\uFFFD.txt'), file(odd)], [], acd).clashes, []);
  assert.equal(matchNames([file('A.txt'), file('a.txt')], [], acd).clashes.length, 1);
});
