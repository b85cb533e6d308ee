// The dropbox-emulator command as a user runs it: bad flags, and what a killed process keeps.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runProgram, tempDir } from './helpers.mjs';
import { startDropboxEmulator } from './support/dropbox-emulator-process.mjs';

const BIN = join(ROOT, 'packages/dropbox-emulator/bin/dropbox-emulator.js');

test('a bad flag is one line naming it, and exit status 1', async () => {
  for (const args of [['--fail-rate', '3'], ['--port', 'http'], ['--print-config', 'a]b'], ['--nope']]) {
    const r = await runProgram(process.execPath, [BIN, ...args]);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, /^dropbox-emulator: [^\n]*\(see --help\)\n$/);
    assert.equal(r.stdout, '');
  }
});

test('an answered upload survives SIGKILL; the restarted emulator still honours the token', async () => {
  const data = tempDir('dbx-emu-data-');
  const first = await startDropboxEmulator(['--data', data]);
  const { access_token: token } = await first.control('POST', 'token', {});
  const up = await fetch(`${first.url}/2/files/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': '{"path":"/Safe/Kept.txt"}' },
    body: 'answered means kept',
  });
  assert.equal(up.status, 200);
  await new Promise((resolve) => {
    first.child.once('exit', resolve);
    first.child.kill('SIGKILL');
  });
  const second = await startDropboxEmulator(['--data', data]);
  try {
    const dl = await fetch(`${second.url}/2/files/download`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Dropbox-API-Arg': '{"path":"/safe/kept.txt"}' } });
    assert.equal(dl.status, 200);
    assert.equal(await dl.text(), 'answered means kept');
    assert.equal(JSON.parse(dl.headers.get('dropbox-api-result')).path_display, '/Safe/Kept.txt');
  } finally {
    await second.stop();
  }
});
