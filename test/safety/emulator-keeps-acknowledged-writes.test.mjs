// The ACD emulator never loses a write it acknowledged: SIGKILLed right
// after (or while) the CLI uploads, and restarted on the same --data, it
// serves every file whose upload was answered, byte for byte.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTree, rsyncish, snapshot, startRsyncish, tempDir } from '../helpers.mjs';
import { startEmulatorProcess } from '../support/acd-processes.mjs';
import { exited, writeAcdConfig } from './support/emulator-remote.mjs';

const running = [];
after(async () => {
  for (const emu of running) await emu.stop();
});

async function start(args) {
  const emu = await startEmulatorProcess(args);
  running.push(emu);
  return emu;
}

/** SIGKILL: no shutdown handler runs, nothing is flushed on the way out. */
async function kill(emu) {
  emu.child.kill('SIGKILL');
  await exited(emu.child);
}

/** The same --data on the same port, so the remote's URLs and token still work. */
function restart(emu, data) {
  return start(['--data', data, '--port', new URL(emu.url).port]);
}

/** An emulator on a fresh --data, a remote on it, and 60 files to upload under `src/`. */
async function emulatorAndSixtyFiles() {
  const dir = tempDir('rsyncish-persist-');
  const data = join(dir, 'data');
  const emu = await start(['--data', data]);
  const config = await writeAcdConfig(emu, dir);
  const spec = {};
  for (let i = 0; i < 60; i++) spec[`d${i % 3}/file-${i}.txt`] = `content of file ${i}\n`.repeat(1 + (i % 7) * 50);
  makeTree(join(dir, 'src'), spec);
  return { dir, data, emu, config };
}

/** Restart on `data`, download everything under acd:backup, and return it with the source, as snapshots. */
async function restartAndDownload(emu, data, dir, config) {
  const again = await restart(emu, data);
  const down = await rsyncish(['copy', 'acd:backup', join(dir, 'back'), '-q'], { config });
  assert.equal(down.code, 0, down.stderr);
  return { again, back: snapshot(join(dir, 'back')), src: snapshot(join(dir, 'src')) };
}

test('killed right after a copy of 60 files was acknowledged, the restarted emulator serves all 60', async () => {
  const { dir, data, emu, config } = await emulatorAndSixtyFiles();
  const up = await rsyncish(['copy', join(dir, 'src'), 'acd:backup', '-q'], { config });
  assert.equal(up.code, 0, up.stderr);
  await kill(emu);

  const { again, back, src } = await restartAndDownload(emu, data, dir, config);
  assert.equal(Object.keys(back).length, 60);
  for (const [path, { md5, size }] of Object.entries(src)) assert.deepEqual({ md5: back[path]?.md5, size: back[path]?.size }, { md5, size }, path);
  await again.stop();
});

test('killed while uploading, the restarted emulator serves every file the CLI reported copied', async () => {
  const { dir, data, emu, config } = await emulatorAndSixtyFiles();
  const child = startRsyncish(['copy', join(dir, 'src'), 'acd:backup', '-v', '--transfers', '2', '--low-level-retries', '1', '--retries', '1'], { config });
  let stderr = '';
  let killed;
  child.stderr.on('data', (d) => {
    stderr += d;
    if (!killed && (stderr.match(/: Copied \(new\)/g) ?? []).length >= 45) killed = kill(emu);
  });
  const { code } = await exited(child);
  await killed;
  const reported = [...stderr.matchAll(/INFO {2}: (\S+): Copied \(new\)/g)].map((m) => m[1]);
  assert.ok(reported.length >= 45 && reported.length < 60, stderr);
  assert.equal(code, 5, stderr);

  const { again, back, src } = await restartAndDownload(emu, data, dir, config);
  for (const path of reported) assert.deepEqual({ md5: back[path]?.md5, size: back[path]?.size }, { md5: src[path].md5, size: src[path].size }, `${path} was acknowledged`);
  // Nothing the emulator kept is anything but a complete source file.
  for (const [path, { md5 }] of Object.entries(back)) assert.equal(md5, src[path]?.md5, path);
  await again.stop();
});
