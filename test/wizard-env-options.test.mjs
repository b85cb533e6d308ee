// The config wizard reads RSYNCISH_<TYPE>_<OPTION> as every command does: with
// the ACD URLs in the environment, its browser step goes to the emulator, and
// what the environment says is not written into the config file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rsyncish, tempDir } from './helpers.mjs';
import { CLIENT_ID, CLIENT_SECRET, rsyncishInteractive, startEmulatorProcess } from './support/acd-processes.mjs';

let emu;
before(async () => {
  emu = await startEmulatorProcess(['--auto-approve', '--client-id', CLIENT_ID, '--client-secret', CLIENT_SECRET]);
});
after(() => emu?.stop());

test('with RSYNCISH_ACD_AUTH_URL and _TOKEN_URL set, the wizard logs in at the emulator', async () => {
  const dir = tempDir('rsyncish-wizard-env-');
  const config = join(dir, 'rsyncish.conf');
  const env = { RSYNCISH_ACD_AUTH_URL: emu.urls.auth_url, RSYNCISH_ACD_TOKEN_URL: emu.urls.token_url, RSYNCISH_ACD_ENDPOINT: emu.urls.endpoint };
  const answers = [
    'n', 'remote', 'acd', CLIENT_ID, CLIENT_SECRET,
    'n', // Edit advanced config?
    'y', // Use auto config?
    'y', // Keep this "remote" remote?
    'q',
  ];
  const r = await rsyncishInteractive(['config'], { config, env, input: `${answers.join('\n')}\n` });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.page, /Success!/, 'the browser step reached the emulator and came back with a code');
  const text = readFileSync(config, 'utf8');
  assert.match(text, /token = \{"access_token":"Atza\|/);
  assert.doesNotMatch(text, /auth_url|token_url|endpoint/, 'the environment is not copied into the config file');
  const lsd = await rsyncish(['lsd', 'remote:'], { config, env });
  assert.equal(lsd.code, 0, lsd.stderr);
});
