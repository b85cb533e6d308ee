// Acceptance 1: the documented walkthrough, with the built CLI and the ACD
// emulator as separate processes: the wizard (piped answers, real OAuth
// round trip) makes `remote`, then lsd / ls / copy work against it.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { CLIENT_ID, CLIENT_SECRET, rsyncishInteractive, startEmulatorProcess } from './support/acd-processes.mjs';

let emu;
const dir = tempDir('rsyncish-acd-walk-');
const config = join(dir, 'rsyncish.conf');
const src = join(dir, 'src');

before(async () => {
  emu = await startEmulatorProcess(['--auto-approve', '--client-id', CLIENT_ID, '--client-secret', CLIENT_SECRET]);
  makeTree(src, {
    'a.txt': 'alpha\n',
    'docs/readme.md': '# hello\n',
    'docs/deep/b.bin': { size: 70_000, seed: 3 },
    'empty.txt': '',
  });
});
after(() => emu?.stop());

test('the wizard, fed answers on stdin, makes an acd remote through the OAuth browser flow', async () => {
  const answers = [
    'n', 'remote', 'acd', CLIENT_ID, CLIENT_SECRET,
    // Advanced: token, auth_url, token_url, endpoint, templink_threshold, upload_wait_per_gb, checkpoint, encoding.
    'y', '', emu.urls.auth_url, emu.urls.token_url, emu.urls.endpoint, '', '', '', '',
    'y', // Use auto config?
    'y', // Keep this "remote" remote?
    'q',
  ];
  const r = await rsyncishInteractive(['config'], { config, input: `${answers.join('\n')}\n` });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.page, /Success!/);
  const out = r.stdout;
  assert.match(out, /^No remotes found, make a new one\?\nn\) New remote\nq\) Quit config\nn\/q> /);
  assert.match(out, /Enter name for new remote\.\nname> /);
  assert.match(out, / 1 \/ Amazon Cloud Drive\n   \\ \(acd\)\n/);
  assert.match(out, /Option client_id\.\n.*\nEnter a value\.\nclient_id> /);
  assert.match(out, /Edit advanced config\?\ny\) Yes\nn\) No \(default\)\ny\/n> /);
  assert.match(out, /Use auto config\?\n \* Say Y if not sure\n \* Say N if you are working on a remote or headless machine\n\ny\) Yes \(default\)\nn\) No\ny\/n> /);
  assert.match(out, /If your browser doesn't open automatically go to the following link: http:\/\/127\.0\.0\.1:\d+\/auth\?state=\S+\nLog in and authorize rsyncish for access\nWaiting for code\.\.\.\nGot code\n/);
  assert.match(out, /\[remote\]\ntype = acd\nclient_id = amzn1\.application-oa2-client\.e2e\nclient_secret = e2e-secret\n/);
  assert.match(out, /token = \{"access_token":"Atza\|/);
  assert.match(out, /y\) Yes this is OK \(default\)\ne\) Edit this remote\nd\) Delete this remote\ny\/e\/d> /);
  assert.match(out, /Current remotes:\n\nName {17}Type\n==== {17}====\nremote {15}acd\n/);
  assert.equal(statSync(config).mode & 0o777, 0o600);
  const text = readFileSync(config, 'utf8');
  assert.match(text, /^\[remote\]\ntype = acd\n/);
  assert.match(text, /token = \{"access_token":"Atza\|[^"]+","token_type":"bearer","refresh_token":"Atzr\|[^"]+","expiry":"\d{4}-/);
});

test('lsd and ls on the new remote, then copy to remote:backup', async () => {
  const empty = await rsyncish(['lsd', 'remote:'], { config });
  assert.equal(empty.code, 0, empty.stderr);
  assert.equal(empty.stdout, '');
  const copy = await rsyncish(['copy', src, 'remote:backup', '-v', '--stats', '0'], { config });
  assert.equal(copy.code, 0, copy.stderr);
  assert.match(copy.stderr, /docs\/deep\/b\.bin: Copied \(new\)/);
  const lsd = await rsyncish(['lsd', 'remote:'], { config });
  assert.match(lsd.stdout, /^ +-1 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d +-1 backup\n$/);
  const ls = await rsyncish(['ls', 'remote:backup'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(ls.stdout.trim().split('\n').map((l) => l.trim()).sort(), [
    '0 empty.txt', '6 a.txt', '70000 docs/deep/b.bin', '8 docs/readme.md',
  ]);
});

test('a second copy transfers nothing', async () => {
  const again = await rsyncish(['copy', src, 'remote:backup', '-v', '--stats', '0'], { config });
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /Copied/);
  const json = await rsyncish(['copy', src, 'remote:backup', '--json', '--stats', '0'], { config });
  const events = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(events.filter((e) => e.event === 'check').map((e) => [e.path, e.result]).sort(), [
    ['a.txt', 'equal'], ['docs/deep/b.bin', 'equal'], ['docs/readme.md', 'equal'], ['empty.txt', 'equal'],
  ]);
  assert.equal(events.find((e) => e.event === 'stats' && e.final).transfers, 0);
});

test('--checksum compares MD5s: same size, different bytes is copied; equal MD5s are skipped', async () => {
  const changed = tempDir('rsyncish-acd-sum-');
  makeTree(changed, { 'a.txt': 'ALPHA\n', 'docs/readme.md': '# hello\n' });
  const r = await rsyncish(['copy', changed, 'remote:backup', '--checksum', '-vv', '--stats', '0'], { config });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /a\.txt: Copied \(replaced existing\)/);
  assert.match(r.stderr, /DEBUG : docs\/readme\.md: md5 matches/);
  const json = await rsyncish(['copy', changed, 'remote:backup', '--checksum', '--json', '--stats', '0'], { config });
  const checks = json.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.event === 'check');
  assert.deepEqual(checks.map((e) => e.reason), ['md5 matches', 'md5 matches']);
  const cat = await rsyncish(['lsl', 'remote:backup/a.txt'], { config });
  assert.match(cat.stdout, /^ +6 /);
});
