import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Capabilities, Entry } from '../contract/index.js';
import { decide, type DecideContext } from './decide.js';
import { modTimeDiffNs, modTimeWindowNs } from './mod-time-window.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './options.js';

const caps = (precisionMs: number, write = true): Capabilities => ({
  hashes: [], modTime: { read: true, write, precisionMs },
  caseInsensitive: false, deleteIsTrash: false, emptyDirs: true,
});
const ns = caps(1e-6);
const us = caps(1e-3);
const ms = caps(1);
const seconds = caps(1000);

const T = 1_709_287_200_123;
const at = (modTime: number, modTimeNanos?: number): Entry => ({ path: 'f', kind: 'file', size: 1, modTime, modTimeNanos });

function decideWith(src: Capabilities, dst: Capabilities, a: Entry, b: Entry, opts: Partial<EngineOptions> = {}) {
  const c: DecideContext = {
    src, dst, options: { ...DEFAULT_ENGINE_OPTIONS, ...opts },
    srcHash: async () => undefined, dstHash: async () => undefined, noCommonHash: () => {},
  };
  return decide(a, b, c).then((d) => d.action);
}

test('the window is the coarser precision of the two sides, in nanoseconds', () => {
  assert.equal(modTimeWindowNs(ns, ns), 1);
  assert.equal(modTimeWindowNs(ns, us), 1000);
  assert.equal(modTimeWindowNs(ms, ns), 1_000_000);
  assert.equal(modTimeWindowNs(ns, seconds), 1_000_000_000);
});

test('--modify-window widens the window, never narrows it below a precision', () => {
  assert.equal(modTimeWindowNs(ns, ns, 2_000_000_000), 2_000_000_000);
  assert.equal(modTimeWindowNs(ns, seconds, 1), 1_000_000_000);
});

test('no window when either side cannot keep modtimes', () => {
  assert.equal(modTimeWindowNs(ns, caps(1e-6, false)), undefined);
  assert.equal(modTimeWindowNs({ ...ns, modTime: { ...ns.modTime, read: false } }, ns), undefined);
});

test('differences are exact to the nanosecond, absent nanoseconds counting as 0', () => {
  assert.equal(modTimeDiffNs(at(T, 456_789), at(T, 456_788)), 1);
  assert.equal(modTimeDiffNs(at(T), at(T - 1, 999_999)), 1);
  assert.equal(modTimeDiffNs(at(T + 1000), at(T)), 1_000_000_000);
});

test('1 ns sides: a nanosecond apart is a different modtime, the same nanosecond is equal', async () => {
  assert.equal(await decideWith(ns, ns, at(T, 456_789), at(T, 456_789)), 'equal');
  assert.equal(await decideWith(ns, ns, at(T, 456_789), at(T, 456_788)), 'transfer');
});

test('a coarser side compares within its precision, strictly below it as rclone does', async () => {
  assert.equal(await decideWith(ns, ms, at(T, 999_999), at(T)), 'equal');
  assert.equal(await decideWith(ns, ms, at(T + 1), at(T)), 'transfer');
  assert.equal(await decideWith(ns, us, at(T, 456_789), at(T, 456_000)), 'equal');
});

test('--modify-window 1s makes times under a second apart equal, a second apart not', async () => {
  const window = { modifyWindowNs: 1_000_000_000 };
  assert.equal(await decideWith(ns, ns, at(T + 999, 999_999), at(T), window), 'equal');
  assert.equal(await decideWith(ns, ns, at(T + 1000), at(T), window), 'transfer');
});

test('--update skips a destination newer by the window or more, and the window counts nanoseconds', async () => {
  assert.equal(await decideWith(ns, ns, at(T), at(T, 1), { update: true }), 'skip');
  assert.equal(await decideWith(ns, ms, at(T), at(T, 999_999), { update: true }), 'equal');
});
