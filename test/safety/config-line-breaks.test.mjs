// A config value, key or name with a line break would write lines of its own into the
// config file ([evil] sections, extra keys). It is refused with one line, nothing written.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { oneErrorLine, rsyncish, tempDir } from '../helpers.mjs';

const INJECTED = 'a\n[evil]\ntype = local';


test('config create with a newline in a value is refused and no config file appears', async () => {
  const dir = tempDir();
  const config = join(dir, 'rsyncish.conf');
  for (const value of [INJECTED, 'a\r[evil]', 'a\r\nb']) {
    const r = await rsyncish(['config', 'create', 'x', 'acd', '--non-interactive', `client_id=${value}`], { config });
    assert.match(oneErrorLine(r), /the value of "client_id" contains a line break \(hint: config values are single lines/);
  }
  // The token goes through the same check, before any login step.
  const token = await rsyncish(['config', 'create', 'x', 'acd', 'client_id=c', `token={"access_token":"a"}\n[evil]`], { config });
  assert.match(oneErrorLine(token), /the value of "token" contains a line break/);
  assert.deepEqual(readdirSync(dir), []);
});

test('config update and a key with a newline are refused and the file is unchanged byte for byte', async () => {
  const config = join(tempDir(), 'rsyncish.conf');
  writeFileSync(config, '[x]\ntype = acd\nclient_id = c\n');
  chmodSync(config, 0o600);
  const before = readFileSync(config);
  const update = await rsyncish(['config', 'update', 'x', `client_secret=${INJECTED}`], { config });
  assert.match(oneErrorLine(update), /the value of "client_secret" contains a line break/);
  assert.ok(!update.stderr.includes('[evil]'), 'the value is not echoed');
  const key = await rsyncish(['config', 'create', 'y', 'local', 'k\n[evil]=v'], { config });
  assert.match(oneErrorLine(key), /"k\\n\[evil\]" is not an option of backend type "local"/);
  assert.deepEqual(readFileSync(config), before);
  const listed = await rsyncish(['listremotes'], { config });
  assert.deepEqual(listed.stdout.split('\n').filter(Boolean), ['x:']);
  assert.equal(existsSync(`${config}.lock`), false);
});
