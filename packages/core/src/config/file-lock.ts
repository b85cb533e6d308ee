import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync, promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ConfigError } from '../errors/index.js';

/** Who holds a lock, as written in the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  nonce: string;
  /** When it was taken, ms since the epoch. */
  since: number;
}

export interface FileLockOptions {
  /** Give up waiting after this long. Default 30 s. */
  timeoutMs?: number;
  /**
   * A lock whose holder cannot be checked (another host, or no holder written)
   * is taken to be left by a dead process once it is older than this. Holders
   * keep the lock for one read-modify-write, milliseconds. Default 20 s.
   */
  staleMs?: number;
  /** Called once when the wait passes `noticeAfterMs` (default 1 s), to tell the user why nothing happens. */
  onWait?: (holder: LockHolder | undefined, lockPath: string) => void;
  noticeAfterMs?: number;
}

// Locks this process holds, removed on process.exit() so an exit in the middle of a
// write does not leave a lock that the next run has to judge stale.
const held = new Map<string, string>();
process.on('exit', () => {
  for (const [lockPath, nonce] of held) {
    try {
      if (parseHolder(readFileSync(lockPath, 'utf8'))?.nonce === nonce) unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  }
});

/**
 * Run `work` while holding `<path>.lock`, a file created with O_EXCL that names
 * its holder (pid, host, nonce). Another process waits for it with a short
 * jittered backoff. A lock whose holder is a dead process of this host is
 * removed at once; one whose holder cannot be checked, once older than
 * `staleMs`. A live holder of this host is never robbed: past `timeoutMs` the
 * waiter gives up. The lock is released when `work` settles.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const lockPath = `${path}.lock`;
  const nonce = await acquire(lockPath, options);
  held.set(lockPath, nonce);
  try {
    return await work();
  } finally {
    held.delete(lockPath);
    await release(lockPath, nonce);
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 20_000;
  const noticeAfterMs = options.noticeAfterMs ?? 1_000;
  const me: LockHolder = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex'), since: 0 };
  const started = Date.now();
  let noticed = false;
  for (let attempt = 0; ; attempt++) {
    me.since = Date.now();
    if (await tryCreate(lockPath, me)) return me.nonce;
    const found = await inspect(lockPath);
    if (!found) continue; // released between our create and our read: try again at once
    if (isStale(found, staleMs)) {
      await breakStale(lockPath, found.text);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) {
      const who = found.holder ? `process ${found.holder.pid} on ${found.holder.host}` : 'another process';
      throw new ConfigError(`config file is locked by ${who}: gave up after ${Math.round(waited / 1000)} s (lock file ${lockPath})`, {
        hint: `if no rsyncish is running, remove ${lockPath}`,
      });
    }
    if (!noticed && waited >= noticeAfterMs) {
      noticed = true;
      options.onWait?.(found.holder, lockPath);
    }
    // 2..~100 ms: the holder needs milliseconds, and twenty waiters must not move in step.
    await sleep(Math.min(100, 2 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
  }
}

async function tryCreate(lockPath: string, me: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(lockPath, 'wx', 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') {
      await fs.mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });
      return tryCreate(lockPath, me);
    }
    throw new ConfigError(`cannot lock config file: ${(err as Error).message}`, {
      hint: `rsyncish needs to create ${lockPath} beside the config file; check the folder's permissions`,
    });
  }
  try {
    await handle.writeFile(JSON.stringify(me));
  } catch (err) {
    // A disk full here must not leave an empty lock that others wait 20 s for.
    await handle.close();
    await fs.rm(lockPath, { force: true });
    throw new ConfigError(`cannot lock config file: ${(err as Error).message}`, {
      hint: `rsyncish could not write ${lockPath}; check the free space and permissions of its folder`,
    });
  }
  await handle.close();
  return true;
}

interface FoundLock {
  text: string;
  holder?: LockHolder;
  mtimeMs: number;
}

async function inspect(lockPath: string): Promise<FoundLock | undefined> {
  try {
    const [text, st] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    return { text, holder: parseHolder(text), mtimeMs: st.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function isStale(found: FoundLock, staleMs: number): boolean {
  const h = found.holder;
  if (h !== undefined && h.host === hostname()) return h.pid !== process.pid && !isAlive(h.pid);
  // Another host's holder, or an empty file (a holder between its create and its
  // write, or one that died there): only age can tell.
  return Date.now() - found.mtimeMs > staleMs;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove a stale lock without removing a fresh one that replaced it meanwhile:
 * move it aside under a private name, and put it back if it is not the one judged stale.
 */
async function breakStale(lockPath: string, staleText: string): Promise<void> {
  const aside = `${lockPath}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await fs.rename(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // another waiter broke it first
    throw err;
  }
  if ((await fs.readFile(aside, 'utf8')) !== staleText) {
    await fs.link(aside, lockPath).catch(() => {});
  }
  await fs.rm(aside, { force: true });
}

async function release(lockPath: string, nonce: string): Promise<void> {
  // Only our own lock: if ours was judged stale and broken, the file is someone else's now.
  const found = await inspect(lockPath).catch(() => undefined);
  if (found?.holder?.nonce === nonce) await fs.rm(lockPath, { force: true });
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.nonce === 'string') return h as LockHolder;
  } catch {
    // Empty or half-written: no holder known yet.
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
