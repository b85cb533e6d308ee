import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { FullCollectionRate } from './tune-heap.js';

/** Run `body` in a fresh node whose heap was tuned first; it prints one JSON line. */
function tuned(body: string): Record<string, number> {
  const script = `
    const { tuneHeap } = await import(${JSON.stringify(new URL('./tune-heap.js', import.meta.url).href)});
    const v8 = await import('node:v8');
    const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    tuneHeap();
    ${body}`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

test('a young generation that has not reached 4 MiB when tuning starts grows to 8 MiB and stops, where V8 would take 32', () => {
  const r = tuned(`
    let peak = 0;
    const keep = [];
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 100000; i++) { const o = { i, s: 'x' + i }; if (i % 8 === 0) keep.push(o); }
      if (keep.length > 200000) keep.length = 0;
      await new Promise((r) => setImmediate(r)); // lets the gc observer run
      peak = Math.max(peak, young());
    }
    console.log(JSON.stringify({ peak }));`);
  assert.ok(r.peak! <= 8 * 1024 * 1024, `young generation reached ${r.peak} bytes`);
  assert.ok(r.peak! >= 4 * 1024 * 1024, `young generation stayed at ${r.peak} bytes: it should grow to the cap`);
});

test('full collections count as too fast when 10 start within 2 s, not when they are spread out', () => {
  const fast = new FullCollectionRate();
  const verdicts = Array.from({ length: 10 }, (_, i) => fast.tooFast(1000 + i * 100));
  assert.deepEqual(verdicts, [...Array(9).fill(false), true]);

  const spread = new FullCollectionRate();
  // A 100,000-file check: about one every 450 ms, for as long as it runs.
  assert.ok(Array.from({ length: 100 }, (_, i) => spread.tooFast(i * 450)).every((v) => !v));

  const burst = new FullCollectionRate();
  for (let i = 0; i < 9; i++) assert.equal(burst.tooFast(i * 1000), false);
  // Only the last 10 count: a burst after a quiet start is seen as soon as it fills the window.
  const late = Array.from({ length: 10 }, (_, i) => burst.tooFast(20_000 + i * 50));
  assert.equal(late.indexOf(true), 9);
});

test('a young generation at 4 MiB when tuning starts grows once, to 8 MiB, in code that yields every few milliseconds', () => {
  const script = `
    const { tuneHeap } = await import(${JSON.stringify(new URL('./tune-heap.js', import.meta.url).href)});
    const v8 = await import('node:v8');
    const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const keep = [];
    const churn = (n) => { for (let i = 0; i < n; i++) { const o = { i, s: 'x' + i }; if (i % 8 === 0) keep.push(o); if (keep.length > 200000) keep.length = 0; } };
    while (young() < 4 * 1024 * 1024) churn(1000);
    const atStart = young();
    tuneHeap();
    // As the local backend's loops do (LoopPacer): a turn of the event loop every ~10 ms.
    for (let i = 0; i < 400; i++) {
      churn(50_000);
      await new Promise((r) => setImmediate(r));
    }
    console.log(JSON.stringify({ atStart, after: young() }));`;
  const r = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { atStart: number; after: number };
  assert.equal(r.atStart, 4 * 1024 * 1024);
  assert.equal(r.after, 8 * 1024 * 1024, `young generation went from ${r.atStart} to ${r.after} bytes`);
});

test('streamed chunks are collected every 8 MiB, counted across chunks', async () => {
  const { noteStreamedBytes, observeStreamedBytes } = await import('@rsyncish/core');
  const { collectChunksEarly, YOUNG_COLLECTION_BYTES } = await import('./tune-heap.js');
  const calls: unknown[] = [];
  let asked = 0;
  collectChunksEarly(() => {
    asked++;
    return (options) => calls.push(options);
  });
  try {
    for (let i = 0; i < 7; i++) noteStreamedBytes(1024 * 1024);
    assert.equal(calls.length, 0, 'not before 8 MiB');
    assert.equal(asked, 0, 'gc() is only exposed once something streams');
    noteStreamedBytes(1024 * 1024);
    assert.deepEqual(calls, [{ type: 'minor' }]);
    for (let i = 0; i < 3 * YOUNG_COLLECTION_BYTES / 65536; i++) noteStreamedBytes(65536);
    assert.equal(calls.length, 4);
    assert.equal(asked, 1);
  } finally {
    observeStreamedBytes(undefined);
  }
});

test('the young generation is really collected: dead chunks are freed without a full collection', () => {
  const r = tuned(`
    const { noteStreamedBytes } = await import('@rsyncish/core');
    const { PerformanceObserver, constants } = await import('node:perf_hooks');
    const kinds = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) kinds.push(e.detail.kind); }).observe({ entryTypes: ['gc'] });
    for (let i = 0; i < 8; i++) Buffer.alloc(1024 * 1024); // eight dead chunks
    const before = process.memoryUsage().arrayBuffers;
    noteStreamedBytes(8 * 1024 * 1024);
    const atOnce = process.memoryUsage().arrayBuffers; // freed by the collection itself, not by a later task
    await new Promise((r) => setTimeout(r, 50)); // the observer reports on a later turn
    console.log(JSON.stringify({
      before, atOnce, after: process.memoryUsage().arrayBuffers,
      minor: kinds.filter((k) => k === constants.NODE_PERFORMANCE_GC_MINOR).length,
      major: kinds.filter((k) => k === constants.NODE_PERFORMANCE_GC_MAJOR).length,
    }));`);
  assert.ok(r.before! >= 8 * 1024 * 1024, `the chunks were there: ${r.before}`);
  assert.ok(r.atOnce! < 1024 * 1024, `the chunks were freed during the collection: ${r.atOnce} bytes of buffers left`);
  assert.ok(r.after! < 1024 * 1024, `the chunks were freed: ${r.after} bytes of buffers left`);
  assert.deepEqual([r.minor, r.major], [1, 0], 'by one young-generation collection');
});
