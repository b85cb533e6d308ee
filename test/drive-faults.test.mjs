// Acceptance 3 of the Google Drive backend: copies through a drive emulator that
// fails requests, rate-limits them and cuts resumable chunks short end with every
// file present once and verified. CI runs a small version of each scenario;
// RSYNCISH_LONG=1 runs the full one (300 files; a 300 MiB resumable upload).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, patterned, rsyncish, tempDir } from './helpers.mjs';
import { createDriveRemote, startDriveEmulatorProcess } from './support/drive-processes.mjs';

const LONG = process.env.RSYNCISH_LONG === '1';
const FILES = LONG ? 300 : 30;
const BIG = LONG ? 300 * 1024 * 1024 : 6 * 1024 * 1024;
const CHUNK = LONG ? '8Mi' : '256Ki';

let emu;
const dir = tempDir('rsyncish-drive-faults-');
const config = join(dir, 'rsyncish.conf');

before(async () => {
  emu = await startDriveEmulatorProcess(['--auto-approve']);
  // Calls 10 ms apart from 4 transfers go past 20 a second: the rate limit is met.
  await createDriveRemote(emu, config, 'remote', ['pacer_min_sleep=10ms']);
});
after(async () => {
  await emu?.stop();
});

/** The live files of the drive, each once per folder and name, or the names that are not. */
async function duplicates() {
  const { files } = await emu.control('GET', 'files');
  const seen = new Map();
  for (const f of files) {
    if (f.trashed) continue;
    const key = `${(f.parents ?? []).join(',')}/${f.name}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}

async function faultsServed(match) {
  const { requests } = await emu.control('GET', 'requests');
  return requests.filter((r) => match(r));
}

test(`a copy of ${FILES} files under --fail-rate 0.1 --rate-limit 20 ends with every file present once and verified`, { timeout: LONG ? 1_800_000 : 120_000 }, async () => {
  const src = join(dir, 'many');
  const spec = {};
  for (let i = 0; i < FILES; i++) spec[`d${i % 5}/file-${i}.bin`] = { size: 1000 + i * 97, seed: i + 1 };
  makeTree(src, spec);
  await emu.control('DELETE', 'requests');
  await emu.control('POST', 'faults', { failRate: 0.1, rateLimit: 20 });
  try {
    const copy = await rsyncish(['copy', src, 'remote:many', '--transfers', '4', '--low-level-retries', '20', '-q'], { config });
    assert.equal(copy.code, 0, copy.stderr);
    assert.ok((await faultsServed((r) => r.status >= 500)).length > 0, 'the emulator failed some requests');
    assert.ok((await faultsServed((r) => r.status === 403)).length > 0, 'the emulator rate-limited some requests');
  } finally {
    await emu.control('DELETE', 'faults');
  }
  const check = await rsyncish(['check', src, 'remote:many', '--stats', '0'], { config });
  assert.equal(check.code, 0, check.stderr);
  const ls = await rsyncish(['ls', 'remote:many'], { config });
  assert.equal(ls.stdout.trim().split('\n').length, FILES);
  assert.deepEqual(await duplicates(), []);
});

test(`a ${BIG / 1024 / 1024} MiB resumable upload whose chunks are cut short or failed resumes from the server's offset and verifies`, { timeout: LONG ? 1_800_000 : 120_000 }, async () => {
  const src = join(dir, 'big');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'big.bin'), patterned(BIG, 7));
  await emu.control('DELETE', 'requests');
  await emu.control('POST', 'faults', { partialChunkRate: 0.3, failRate: 0.05 });
  try {
    const copy = await rsyncish(['copy', src, 'remote:big', '--drive-chunk-size', CHUNK, '--drive-upload-cutoff', CHUNK, '--low-level-retries', '20', '-v'], { config });
    assert.equal(copy.code, 0, copy.stderr);
    // Each cut chunk is resumed where the session says it stands, not sent again whole.
    assert.match(copy.stderr, /chunk at \d+ failed .*asking the server where to resume/);
    const cut = await faultsServed((r) => r.status >= 500 && /upload/.test(r.url));
    assert.ok(cut.length > 0, 'the emulator cut or failed some chunks');
  } finally {
    await emu.control('DELETE', 'faults');
  }
  const check = await rsyncish(['check', src, 'remote:big', '--stats', '0'], { config });
  assert.equal(check.code, 0, check.stderr);
  assert.deepEqual(await duplicates(), []);
});
