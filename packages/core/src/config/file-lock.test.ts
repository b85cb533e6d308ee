import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../errors/index.js';
import { withFileLock } from './file-lock.js';

async function tempFile(): Promise<string> {
  return join(await fs.mkdtemp(join(tmpdir(), 'rsyncish-lock-')), 'x.conf');
}

function lockText(pid: number, host = hostname()): string {
  return JSON.stringify({ pid, host, nonce: 'theirs', since: Date.now() });
}

/** A pid that was a process of this host and is not any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

test('holders of one lock never overlap, and the lock file is gone afterwards', async () => {
  const path = await tempFile();
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 8 }, () =>
      withFileLock(path, async () => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setImmediate(r));
        inside--;
      }),
    ),
  );
  assert.equal(most, 1);
  assert.equal(existsSync(`${path}.lock`), false);
});

test('the lock is released when the work throws', async () => {
  const path = await tempFile();
  await assert.rejects(
    withFileLock(path, async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(existsSync(`${path}.lock`), false);
  assert.equal(await withFileLock(path, async () => 'again'), 'again');
});

test('a lock left by a dead process of this host is taken over', async () => {
  const path = await tempFile();
  await fs.writeFile(`${path}.lock`, lockText(deadPid()));
  let waited = false;
  const r = await withFileLock(path, async () => 'mine', { onWait: () => (waited = true), timeoutMs: 60_000 });
  assert.equal(r, 'mine');
  assert.equal(waited, false, 'a dead holder is not waited for');
  assert.equal(existsSync(`${path}.lock`), false);
});

test("a lock whose holder cannot be checked (another host's, or empty) is taken over once older than staleMs", async () => {
  const path = await tempFile();
  const old = new Date(Date.now() - 60_000);
  for (const text of [lockText(1, 'elsewhere'), '']) {
    await fs.writeFile(`${path}.lock`, text);
    await fs.utimes(`${path}.lock`, old, old);
    assert.equal(await withFileLock(path, async () => 'mine', { staleMs: 20_000 }), 'mine');
    assert.equal(existsSync(`${path}.lock`), false);
  }
});

test('a live holder is waited for, however old its lock; past the timeout the error names it and the lock file', async () => {
  const path = await tempFile();
  const old = new Date(Date.now() - 60_000);
  // pid 1 is alive on every host; a fresh lock of another host is never judged by pid.
  for (const [text, mtime] of [[lockText(1), old], [lockText(deadPid(), 'elsewhere'), new Date()]] as const) {
    await fs.writeFile(`${path}.lock`, text);
    await fs.utimes(`${path}.lock`, mtime, mtime);
    const notices: string[] = [];
    await assert.rejects(
      withFileLock(path, async () => assert.fail('ran without the lock'), {
        timeoutMs: 300,
        staleMs: 20_000,
        noticeAfterMs: 0,
        onWait: (holder, lockPath) => notices.push(`${holder?.pid} ${lockPath}`),
      }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /config file is locked by process \d+ on \S+: gave up after/);
        assert.ok(e.message.includes(`${path}.lock`));
        assert.equal(e.hint, `if no rsyncish is running, remove ${path}.lock`);
        return true;
      },
    );
    assert.equal(notices.length, 1);
    assert.equal(await fs.readFile(`${path}.lock`, 'utf8'), text, "someone else's live lock is left alone");
  }
});
