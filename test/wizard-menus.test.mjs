// The config wizard from a script: the headless OAuth path through
// `rsyncish authorize`, the end of input, and the rename/copy/delete menu.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rsyncish, tempDir } from './helpers.mjs';
import { rsyncishInteractive, startEmulatorProcess } from './support/acd-processes.mjs';

let emu;
before(async () => {
  emu = await startEmulatorProcess(['--auto-approve']);
});
after(() => emu?.stop());

const fresh = () => join(tempDir('rsyncish-wizard-'), 'rsyncish.conf');

test('headless: "Use auto config? n" prints an authorize line; its pasted output becomes the token', async () => {
  const config = fresh();
  // Advanced: token, auth_url, token_url, endpoint, templink_threshold, upload_wait_per_gb, checkpoint, encoding.
  const start = ['n', 'headless', 'acd', 'cid', 'csecret', 'y', '', emu.urls.auth_url, emu.urls.token_url, emu.urls.endpoint, '', '', '', '', 'n'];
  // First run: stop at config_token> to read the printed command (end of input there saves nothing).
  const first = await rsyncishInteractive(['config'], { config, input: `${start.join('\n')}\n` });
  assert.equal(first.code, 1);
  assert.match(first.stderr, /^ERROR : input ended in the middle of "New remote": nothing was saved/m);
  assert.equal(existsSync(config), false);
  const line = /^\trsyncish authorize "acd" "([\w-]+)"$/m.exec(first.stdout);
  assert.ok(line, first.stdout);
  assert.match(first.stdout, /Option config_token\.\n[^]*Then paste the result\.\nEnter a value\.\nconfig_token> /);
  // "The machine with a browser".
  const auth = await rsyncishInteractive(['authorize', 'acd', line[1]], {});
  assert.equal(auth.code, 0, auth.stderr);
  assert.match(auth.stderr, /Waiting for code\.\.\.\nGot code\n/);
  const paste = /^Paste the following into your remote machine --->\n(.*)\n<---End paste\n$/.exec(auth.stdout);
  assert.ok(paste, auth.stdout);
  const token = JSON.parse(paste[1]);
  assert.match(token.access_token, /^Atza\|/);
  const second = await rsyncishInteractive(['config'], { config, input: `${[...start, 'not a token', paste[1], 'y', 'q'].join('\n')}\n`, browse: false });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /That is not a token/);
  assert.doesNotMatch(second.stdout, /Waiting for code/);
  assert.equal(JSON.parse(/^token = (.*)$/m.exec(readFileSync(config, 'utf8'))[1]).refresh_token, token.refresh_token);
  const ls = await rsyncish(['lsd', 'headless:'], { config });
  assert.equal(ls.code, 0, ls.stderr);
});

test('end of input at the menu quits with 0; bad answers are asked again', async () => {
  const config = fresh();
  const r = await rsyncishInteractive(['config'], { config, input: 'x\nn\n-bad\nok\n99\nlocal\nmaybe\nn\nz\ny\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /n\/q> \nThis value must be one of the following characters: n, q\.\nn\/q> /);
  assert.match(r.stdout, /name> \nERROR : invalid remote name|name> \ninvalid remote name/);
  assert.match(r.stdout, /Couldn't find backend for type "99"/);
  assert.match(r.stdout, /y\/e\/d> \nThis value must be one of the following characters: y, e, d\./);
  assert.equal(readFileSync(config, 'utf8'), '[ok]\ntype = local\n');
});

test('rename, copy and delete from the menu', async () => {
  const config = fresh();
  await rsyncish(['config', 'create', 'one', 'local', 'copy_links=true'], { config });
  await rsyncish(['config', 'create', 'two', 'local'], { config });
  const r = await rsyncishInteractive(['config'], { config, input: 'r\n1\nuno\nc\nuno\ndos\nd\n2\nq\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Select remote\.\nChoose a number from below, or type in an existing value\.\n 1 > one\n 2 > two\nremote> /);
  assert.match(r.stdout, /Enter new name for "one" remote\./);
  assert.match(r.stdout, /Enter name for copy of "uno" remote\./);
  assert.equal(readFileSync(config, 'utf8'), '[uno]\ntype = local\ncopy_links = true\n\n[dos]\ntype = local\ncopy_links = true\n');
});
