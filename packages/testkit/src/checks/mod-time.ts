import type { Entry } from '@rsyncish/core';
import type { Kit } from '../kit.js';
import { listNames, must, putBytes, statOf } from '../ops.js';
import { broken, show } from '../violation.js';

// Fractional seconds, so a backend that keeps only seconds is caught claiming milliseconds.
const WRITTEN = Date.UTC(2020, 8, 13, 12, 26, 40, 123);
const REWRITTEN = Date.UTC(2021, 0, 2, 3, 4, 5, 678);
const DAY = 24 * 3600_000;
// Below the microsecond, for backends that declare a finer precision than 1 ms.
const WRITTEN_NANOS = 456_789;
const REWRITTEN_NANOS = 1;

/** The engine compares modtimes within the declared precision, so the declaration must hold. */
export function registerModTime(kit: Kit): void {
  kit.check('mod-time', 'declared modtime read/write and precision hold', async ({ dir, t }) => {
    const b = kit.backend;
    const { read, write, precisionMs } = kit.caps.modTime;
    if (!(precisionMs > 0) || !Number.isFinite(precisionMs)) broken(`declares modTime.precisionMs ${precisionMs}; it must be a positive number`);
    const path = `${dir}/timed.txt`;
    // A precision finer than 1 ms is a promise about Entry.modTimeNanos too.
    const fine = precisionMs < 1;
    const writtenNanos = fine ? WRITTEN_NANOS : undefined;
    const rewrittenNanos = fine ? REWRITTEN_NANOS : undefined;
    const within = (got: Pick<Entry, 'modTime' | 'modTimeNanos'> | undefined, want: number, nanos = 0) =>
      got?.modTime !== undefined && Math.abs((got.modTime - want) * 1e6 + ((got.modTimeNanos ?? 0) - nanos)) < Math.round(precisionMs * 1e6);
    if (!read) {
      if (write) broken('declares modTime.write without modTime.read; a time that cannot be read back cannot be compared');
      t.diagnostic('modTime not readable: nothing to check');
      return;
    }
    if (!write) {
      const before = Date.now();
      await putBytes(b, path, 'timed', { modTime: WRITTEN });
      const st = await statOf(b, path);
      if (st.modTime === undefined) broken(`declares modTime.read but stat(${show(path)}) has no modTime`);
      if (Math.abs(st.modTime - before) > DAY) {
        broken(`declares modTime.read but stat(${show(path)}) gave ${new Date(st.modTime).toISOString()}, not a plausible time for a file stored at ${new Date(before).toISOString()}`);
      }
      t.diagnostic('modTime read-only: checked the stored time is plausible');
      return;
    }
    const put = await putBytes(b, path, 'timed', { modTime: WRITTEN, modTimeNanos: writtenNanos });
    const text = (ms: number, nanos = 0) => `${new Date(ms).toISOString()}${fine ? ` + ${nanos} ns` : ''}`;
    const wanted = text(WRITTEN, writtenNanos);
    const seen = (e: Entry | undefined) => (e?.modTime === undefined ? 'no modTime' : text(e.modTime, e.modTimeNanos));
    if (put.modTime !== undefined && !within(put, WRITTEN, writtenNanos)) {
      broken(`declares modTime write with precision ${precisionMs} ms but put(${show(path)}) returned ${seen(put)} for ${wanted}`);
    }
    const st = await statOf(b, path);
    if (!within(st, WRITTEN, writtenNanos)) {
      broken(`declares modTime write with precision ${precisionMs} ms but stat(${show(path)}) gave ${seen(st)} after put with ${wanted}`);
    }
    const listed = (await listNames(b, dir)).get('timed.txt');
    if (!within(listed, WRITTEN, writtenNanos)) {
      broken(`declares modTime write with precision ${precisionMs} ms but list(${show(dir)}) gave ${seen(listed)} after put with ${wanted}`);
    }
    if (!b.setModTime) return;
    await must(`setModTime(${show(path)})`, () => b.setModTime!(path, REWRITTEN, rewrittenNanos));
    const after = await statOf(b, path);
    if (!within(after, REWRITTEN, rewrittenNanos)) {
      broken(`setModTime(${show(path)}, ${text(REWRITTEN, rewrittenNanos)}) resolved but stat gave ${seen(after)}`);
    }
  });
}
