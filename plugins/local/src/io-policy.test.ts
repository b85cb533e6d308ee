import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BLOCKING_MAX_BYTES,
  HASHED_WRITE_BUFFER_BYTES,
  hashSlotCount,
  IoPolicy,
  SLOW_SEQUENCE_MS,
  SLOW_SEQUENCES_ALLOWED,
  SLOW_SHARE,
  WHOLE_READ_BYTES,
  WORKER_HASH_BYTES,
  WRITE_BUFFER_BYTES,
  YIELD_EVERY_MS,
} from './io-policy.js';
import { LoopPacer } from './loop-pacer.js';

const twoCpus = () => new IoPolicy({ cpus: 2 });

test('put writes small files of known size whole with blocking calls, the rest streamed', () => {
  const p = twoCpus();
  assert.equal(p.writeWay(0, false), 'whole-blocking');
  assert.equal(p.writeWay(BLOCKING_MAX_BYTES, true), 'whole-blocking');
  assert.equal(p.writeWay(BLOCKING_MAX_BYTES + 1, true), 'stream');
  assert.equal(p.writeWay(-1, true), 'stream', 'an unknown size');
  assert.equal(p.writeWay(WORKER_HASH_BYTES, true), 'stream-hash-on-worker');
  assert.equal(p.writeWay(WORKER_HASH_BYTES, false), 'stream', 'nothing to hash');
  assert.equal(new IoPolicy({ cpus: 1 }).writeWay(WORKER_HASH_BYTES, true), 'stream', 'no other CPU for the worker');
  assert.equal(new IoPolicy({ blocking: false, cpus: 2 }).writeWay(10, false), 'stream', 'blocking turned off');
});

test('a big streamed write gets the bigger buffer only when it is hashed in the stream', () => {
  const p = twoCpus();
  assert.equal(p.writeBuffer(BLOCKING_MAX_BYTES * 2, 'stream'), WRITE_BUFFER_BYTES);
  assert.equal(p.writeBuffer(WORKER_HASH_BYTES, 'stream'), HASHED_WRITE_BUFFER_BYTES);
  assert.equal(p.writeBuffer(WORKER_HASH_BYTES, 'stream-hash-on-worker'), WRITE_BUFFER_BYTES);
});

test('a local copy of a small file reads and writes it with blocking calls; the kernel copies the rest', () => {
  const p = twoCpus();
  assert.equal(p.copyWay(BLOCKING_MAX_BYTES), 'whole-blocking');
  assert.equal(p.copyWay(BLOCKING_MAX_BYTES + 1), 'kernel');
  assert.equal(p.copyWay(-1), 'kernel');
  assert.equal(new IoPolicy({ blocking: false }).copyWay(10), 'kernel');
});

test('hashing: whole while small, on a worker from 64 MiB with another CPU, else in blocks', () => {
  const p = twoCpus();
  assert.equal(p.hashWay(0), 'whole-blocking');
  assert.equal(p.hashWay(BLOCKING_MAX_BYTES), 'whole-blocking');
  assert.equal(p.hashWay(BLOCKING_MAX_BYTES + 1), 'blocks-blocking');
  assert.equal(p.hashWay(WORKER_HASH_BYTES - 1), 'blocks-blocking');
  assert.equal(p.hashWay(WORKER_HASH_BYTES), 'worker');
  assert.equal(p.hashWay(WORKER_HASH_BYTES, 'sha256'), 'worker');
  // The worker computes node:crypto's hashes only: the others are read as without it.
  assert.equal(p.hashWay(WORKER_HASH_BYTES, 'dropbox'), 'blocks-blocking');
  assert.equal(p.hashWay(WORKER_HASH_BYTES, 'crc32'), 'blocks-blocking');
  assert.equal(new IoPolicy({ cpus: 1 }).hashWay(WORKER_HASH_BYTES * 16), 'blocks-blocking');
  assert.equal(new IoPolicy({ blocking: false, cpus: 1 }).hashWay(10), 'blocks');
  assert.equal(new IoPolicy({ blocking: false, cpus: 2 }).hashWay(WORKER_HASH_BYTES), 'worker');
  assert.equal(new IoPolicy({ blocking: false, cpus: 2 }).hashWay(WORKER_HASH_BYTES, 'dropbox'), 'blocks');
});

test('get reads a file of up to 256 KiB whole unless a range is asked for', () => {
  const p = twoCpus();
  assert.equal(p.readWay(WHOLE_READ_BYTES, false), 'whole');
  assert.equal(p.readWay(WHOLE_READ_BYTES + 1, false), 'stream');
  assert.equal(p.readWay(10, true), 'stream');
});

const slow = () => {
  const until = performance.now() + SLOW_SEQUENCE_MS + 1;
  while (performance.now() < until);
};

test('a filesystem whose every sequence is slow turns blocking off for good', () => {
  const p = twoCpus();
  for (let i = 1; i < SLOW_SEQUENCES_ALLOWED; i++) p.run(slow);
  assert.equal(p.blocking, true, 'a few slow answers can be hiccups');
  p.run(slow);
  assert.equal(p.blocking, false);
  assert.equal(p.copyWay(10), 'kernel');
});

test('a few slow sequences among many fast ones (a busy machine) keep blocking on', () => {
  const p = twoCpus();
  const fast = Math.ceil((SLOW_SEQUENCES_ALLOWED * 2) / SLOW_SHARE);
  for (let i = 0; i < fast; i++) p.run(() => {});
  for (let i = 0; i < SLOW_SEQUENCES_ALLOWED * 2; i++) p.run(slow);
  assert.equal(p.blocking, true, `${SLOW_SEQUENCES_ALLOWED * 2} slow among ${fast} fast`);
});

test('files are hashed off the main thread one per CPU, leaving a thread of the pool free', () => {
  assert.equal(hashSlotCount(2, 4), 2);
  assert.equal(hashSlotCount(16, 4), 3);
  assert.equal(hashSlotCount(16, 64), 16);
  assert.equal(hashSlotCount(1, 4), 1);
  assert.equal(hashSlotCount(8, 1), 1);
});

test('a loop pacer asks for a turn of the event loop once the loop has run YIELD_EVERY_MS, and not before', async () => {
  const pacer = new LoopPacer();
  assert.equal(pacer.turn(), undefined);
  let timerRan = false;
  setImmediate(() => (timerRan = true));
  const start = performance.now();
  while (performance.now() - start <= YIELD_EVERY_MS); // a blocking stretch
  const turn = pacer.turn();
  assert.ok(turn instanceof Promise);
  await turn;
  assert.ok(timerRan, 'what was queued meanwhile ran during the turn');
  assert.equal(pacer.turn(), undefined, 'the clock restarts after a turn');
});
