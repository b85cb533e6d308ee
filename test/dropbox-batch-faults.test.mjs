// Many small files to Dropbox through batched commits while the emulator
// fails 10% of requests (500/503), answers 10% of writes and of batch entries
// with too_many_write_operations, loses the reply of 5% of the content
// requests it carried out, and has expired the configured access token:
// every file must arrive exactly once with Dropbox's content_hash of its
// bytes, and the refreshed token must be saved. 100 files here;
// RSYNCISH_LONG=1 runs the 2,000 of the acceptance test.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { startDropboxEmulator, writeDropboxConfig } from './support/dropbox-processes.mjs';

const FILES = process.env.RSYNCISH_LONG === '1' ? 2000 : 100;
const dir = tempDir('rsyncish-dropbox-batch-');
const config = join(dir, 'rsyncish.conf');
let emu;

before(async () => {
  const client = ['--client-id', 'e2e-client', '--client-secret', 'e2e-secret'];
  emu = await startDropboxEmulator([...client, '--fail-rate', '0.1', '--too-many-writes-rate', '0.1', '--lost-reply-rate', '0.05'], { name: 'remote' });
  // Retry-After 0: the waits would only make the test slow; the pacer honours the header all the same.
  await emu.control('POST', 'faults', { retryAfter: 0 });
  await writeDropboxConfig(emu, config);
});
after(async () => {
  await emu?.stop();
});

/** Dropbox's documented content_hash: SHA-256 over the SHA-256 of each 4 MiB block. */
function contentHash(data) {
  const outer = createHash('sha256');
  for (let at = 0; at < data.length; at += 4 * 1024 * 1024) outer.update(createHash('sha256').update(data.subarray(at, at + 4 * 1024 * 1024)).digest());
  return outer.digest('hex');
}

test(`${FILES} small files upload through batched commits despite faults, each once with its content_hash`, { timeout: 600_000 }, async () => {
  const src = join(dir, 'src');
  const spec = {};
  for (let i = 0; i < FILES; i++) spec[`d${i % 10}/file-${i}.txt`] = `file ${i} ${'x'.repeat(i % 97)}\n`;
  makeTree(src, spec);
  const tokenBefore = /^token = (.*)$/m.exec(readFileSync(config, 'utf8'))[1];
  await emu.control('POST', 'expire-tokens', {});

  const up = await rsyncish(['copy', src, 'remote:bulk', '--transfers', '16', '-vv', '--stats', '0'], { config });
  assert.equal(up.code, 0, up.stderr.split('\n').filter((l) => /ERROR|NOTICE/.test(l)).join('\n'));
  assert.match(up.stderr, /committing batch of 16 /, 'uploads were committed 16 at a time (sync batches as big as --transfers)');
  // With these rates a run without either is a 1 in 30,000 chance: the faults were met, not dodged.
  assert.match(up.stderr, /batch commit failed \(too_many_write_operations\); queued again/, 'a contended batch entry was committed again');
  assert.match(up.stderr, /low level retry/, 'failed requests were retried');
  assert.notEqual(/^token = (.*)$/m.exec(readFileSync(config, 'utf8'))[1], tokenBefore, 'the refreshed token was saved');

  await emu.control('POST', 'faults/reset', {});
  const ls = await rsyncish(['lsjson', '-R', '--files-only', '--hash-type', 'dropbox', 'remote:bulk'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  const listed = JSON.parse(ls.stdout);
  assert.equal(listed.length, FILES, 'every file once');
  assert.equal(new Set(listed.map((e) => e.Path.toLowerCase())).size, FILES, 'no name twice');
  for (const entry of listed) {
    assert.equal(entry.Hashes?.dropbox, contentHash(Buffer.from(spec[entry.Path])), entry.Path);
  }
});
