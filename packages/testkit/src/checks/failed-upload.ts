import { AssertionError } from 'node:assert';
import type { Backend } from '@rsyncish/core';
import type { Kit } from '../kit.js';
import { expectNotFound, listNames, must, putBytes, readBack, statOf } from '../ops.js';
import { failingAtOnce, failingStream, stallingStream } from '../streams.js';
import { broken, describeError, show } from '../violation.js';

const HALF = Buffer.alloc(256 * 1024, 0x61);
const ABORT_GRACE_MS = 5_000;

/**
 * An interrupted upload must leave the old version or nothing: never a
 * truncated file, and never a temp name in the listing that a later sync
 * would copy or delete.
 */
export function registerFailedUpload(kit: Kit): void {
  kit.check('failed-upload', 'a source that errors half-way makes put reject and leaves nothing behind', async ({ dir }) => {
    const b = kit.backend;
    await putBytes(b, `${dir}/old.txt`, 'previous version');
    const failPut = (path: string) => b.put(path, failingStream(HALF), { size: HALF.length * 2 });
    await expectNothingLeft(b, dir, `${dir}/new.bin`, 'a put whose source stream failed half-way', failPut);
    await expectNothingLeft(b, dir, `${dir}/old.txt`, 'a put whose source stream failed half-way', failPut);
    // How the engine fails a transfer whose bytes do not match the source's
    // hash: every byte but the last has gone out, then the stream errors.
    const failLate = (path: string) => b.put(path, failingStream(HALF.subarray(1)), { size: HALF.length });
    await expectNothingLeft(b, dir, `${dir}/late.bin`, 'a put whose source stream failed before its last byte', failLate);
    await expectNothingLeft(b, dir, `${dir}/old.txt`, 'a put whose source stream failed before its last byte', failLate);
    // A source may fail before the put reads it; the put must still reject, not crash the process.
    const failEarly = (path: string) => b.put(path, failingAtOnce(), { size: HALF.length });
    await expectNothingLeft(b, dir, `${dir}/early.bin`, 'a put whose source stream failed before its first byte', failEarly);
    await expectNothingLeft(b, dir, `${dir}/old.txt`, 'a put whose source stream failed before its first byte', failEarly);
    await expectNothingHidden(b, `${dir}/fresh`, 'a put whose source stream failed half-way', failPut);
  });

  kit.check('aborted-upload', 'a put aborted by its AbortSignal rejects and leaves nothing behind', async ({ dir }) => {
    const b = kit.backend;
    await putBytes(b, `${dir}/old.txt`, 'previous version');
    const abortedPut = async (path: string) => {
      const controller = new AbortController();
      const source = stallingStream(HALF);
      const put = b.put(path, source, { size: HALF.length * 2, signal: controller.signal });
      await Promise.race([source.delivered, put.catch(() => undefined)]);
      controller.abort();
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), ABORT_GRACE_MS)));
      try {
        const outcome = await Promise.race([put, stuck]);
        if (outcome === 'stuck') {
          source.destroy();
          put.catch(() => undefined);
          broken(`put(${show(path)}) ignored its AbortSignal: still pending ${ABORT_GRACE_MS / 1000} s after abort`);
        }
        return outcome;
      } finally {
        clearTimeout(timer);
      }
    };
    await expectNothingLeft(b, dir, `${dir}/new.bin`, 'an aborted put', abortedPut);
    await expectNothingLeft(b, dir, `${dir}/old.txt`, 'an aborted put', abortedPut);
    await expectNothingHidden(b, `${dir}/fresh`, 'an aborted put', abortedPut);
  });
}

async function expectNothingLeft(
  b: Backend,
  dir: string,
  path: string,
  what: string,
  attempt: (path: string) => Promise<unknown>,
): Promise<void> {
  const before = await listNames(b, dir);
  const previous = before.has(path.slice(dir.length + 1)) ? await readBack(b, path) : undefined;
  let resolved = false;
  try {
    await attempt(path);
    resolved = true;
  } catch (err) {
    // A violation found inside the attempt (an ignored abort) is the report; any other rejection is expected.
    if (err instanceof AssertionError) throw err;
  }
  if (resolved) broken(`${what} to ${show(path)} resolved; it must reject`);
  const after = await listNames(b, dir);
  const extra = [...after.keys()].filter((n) => !before.has(n));
  if (extra.length > 0) broken(`${what} to ${show(path)} left ${extra.map(show).join(', ')} behind in list`);
  await expectNoPartial(b, path, what);
  if (previous === undefined) {
    await expectNotFound(`stat(${show(path)}) after ${what}`, () => b.stat(path));
    await expectNotFound(`get(${show(path)}) after ${what}`, () => b.get(path));
    return;
  }
  const size = (await statOf(b, path)).size;
  if (size !== previous.length) broken(`${what} over an existing ${show(path)} changed its size: stat gives ${size} instead of the previous ${previous.length}`);
  let now: Buffer;
  try {
    now = await readBack(b, path);
  } catch (err) {
    return broken(`${what} over an existing ${show(path)} lost the previous version: ${describeError(err)}`);
  }
  if (!now.equals(previous)) {
    broken(`${what} over an existing ${show(path)} changed it: ${now.length} bytes instead of the previous ${previous.length}`);
  }
}

/**
 * rclone's name for a file being received: a backend that uploads to it and
 * hides such names from list would still leave them for stat, get and rmdir.
 */
async function expectNoPartial(b: Backend, path: string, what: string): Promise<void> {
  const partial = `${path}.partial`;
  const leftover = (how: string) => broken(`${what} to ${show(path)} left a hidden leftover: list does not show it, but ${how}(${show(partial)}) finds it`);
  if (await b.stat(partial).then(() => true, () => false)) leftover('stat');
  const stream = await b.get(partial).catch(() => undefined);
  if (stream) {
    stream.destroy();
    leftover('get');
  }
}

/**
 * Whatever name a backend gives its temp files, one left in a folder keeps
 * the folder from being removed: after a failed put into a fresh folder,
 * which then lists empty, rmdir must succeed and leave nothing at its name.
 */
async function expectNothingHidden(b: Backend, folder: string, what: string, attempt: (path: string) => Promise<unknown>): Promise<void> {
  await must(`mkdir(${show(folder)})`, () => b.mkdir(folder));
  const path = `${folder}/new.bin`;
  try {
    await attempt(path);
  } catch (err) {
    if (err instanceof AssertionError) throw err;
  }
  const listed = [...(await listNames(b, folder).catch(() => new Map())).keys()];
  if (listed.length > 0) broken(`${what} to ${show(path)} left ${listed.map(show).join(', ')} behind in list`);
  try {
    await b.rmdir(folder);
  } catch (err) {
    broken(`${what} to ${show(path)} left a hidden leftover: list shows ${show(folder)} empty, but rmdir refuses it (${describeError(err)})`);
  }
  if (await b.stat(folder).then(() => true, () => false)) {
    broken(`${what} to ${show(path)} left a hidden leftover: list shows ${show(folder)} empty and rmdir resolved, but stat still finds it`);
  }
}
