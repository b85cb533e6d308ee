// Moving over from rclone: a config file written by `rclone config create`
// (acd on the emulator, s3 and swift on the local Swift, a local remote, and an
// sftp remote whose password rclone stored obscured) is used as is by rsyncish,
// and stays readable by rclone after rsyncish has written to it.
// rsyncish reaches acd exactly as rclone does: the fixed discovery URL through
// HTTPS_PROXY (test/support/tls-proxy.mjs) with --ca-cert for the test CA.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTree, ROOT, rsyncish, runProgram, snapshot, tempDir } from './helpers.mjs';
import { startEmulatorProcess } from './support/acd-processes.mjs';
import { rcloneMissing } from './support/rclone-acd.mjs';
import { makeTestCertificates, startTlsProxy } from './support/tls-proxy.mjs';

let swiftMissing = false;
let authUrl = '';
if (!rcloneMissing) {
  try {
    authUrl = execFileSync('bash', [join(ROOT, 'scripts/swift-server.sh'), 'start'], { encoding: 'utf8', timeout: 300_000 }).trim();
  } catch (err) {
    swiftMissing = `the local Swift server could not start: ${String(err.stderr || err.message).trim().split('\n').pop()}`;
  }
}
const skip = rcloneMissing || swiftMissing;

const run = Date.now().toString(36);
const dir = tempDir('rsyncish-rclone-conf-');
const conf = join(dir, 'rclone.conf');
let emu;
let proxy;
let certs;
let env;

/** Both tools see the same environment: the proxy for drive.amazonaws.com; rclone 1.60's s3 refuses AWS_CA_BUNDLE. */
function netEnv() {
  const e = { ...process.env, HTTPS_PROXY: proxy.url, https_proxy: proxy.url, HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '' };
  delete e.AWS_CA_BUNDLE;
  delete e.RSYNCISH_CONFIG;
  return e;
}
const rclone = (args) => runProgram('rclone', ['--config', conf, '--ca-cert', certs.ca, ...args], { env });
const ours = (args) => rsyncish([...args, '--config', conf, '--ca-cert', certs.ca], { env });

describe('an rclone.conf made by rclone config create, used as is', { skip }, () => {
  before(async () => {
    emu = await startEmulatorProcess(['--auto-approve']);
    certs = makeTestCertificates(dir);
    proxy = await startTlsProxy({ target: emu.url, cert: certs.cert, key: certs.key });
    env = netEnv();
    const token = await emu.control('POST', 'tokens', { ttl: '1h' });
    const tokenJson = JSON.stringify({ access_token: token.access_token, token_type: 'bearer', refresh_token: token.refresh_token, expiry: token.expiry });
    const create = async (...args) => {
      const r = await runProgram('rclone', ['--config', conf, 'config', 'create', ...args, '--non-interactive'], { env });
      assert.equal(r.code, 0, r.stderr);
    };
    await create('acd', 'amazon cloud drive', 'client_id=rclone-client', 'client_secret=rclone-secret',
      `auth_url=${emu.urls.auth_url}`, `token_url=${emu.urls.token_url}`, `token=${tokenJson}`);
    // acl is an s3 option rsyncish does not have: it must survive every rewrite.
    await create('s3', 's3', 'provider=Other', 'access_key_id=test:tester', 'secret_access_key=testing',
      'endpoint=http://127.0.0.1:18080', 'region=us-east-1', 'acl=private');
    await create('swift', 'swift', 'user=test:tester', 'key=testing', `auth=${authUrl}`);
    await create('loc', 'local');
    // A backend rsyncish does not have, with a password rclone obscures.
    await create('vault', 'sftp', 'host=127.0.0.1', 'user=backup', 'pass=hunter2 with spaces');
  });
  after(async () => {
    if (env) {
      for (const r of [`s3:rsy-rconf-${run}`, `swift:rsy-rconf-${run}`]) await ours(['purge', r]);
    }
    await proxy?.close();
    await emu?.stop();
  });

  test('rclone wrote its own type names and an obscured password, which rsyncish reveals', async () => {
    const text = readFileSync(conf, 'utf8');
    assert.match(text, /^\[acd\]\ntype = amazon cloud drive\n/m);
    const pass = /^\[vault\][^[]*^pass = (\S+)$/m.exec(text)?.[1];
    assert.ok(pass && pass !== 'hunter2 with spaces', 'rclone stored the password obscured');
    // An obscured password is random base64: one in 64 starts with "-", which both tools
    // would read as a flag without "--".
    const revealed = await rsyncish(['reveal', '--', pass]);
    assert.equal(revealed.code, 0, revealed.stderr);
    assert.equal(revealed.stdout, 'hunter2 with spaces\n');
    const listed = await ours(['listremotes', '--long']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout, 'acd:   amazon cloud drive\ns3:    s3\nswift: swift\nloc:   local\nvault: sftp\n');
  });

  test('lsd, copy and ls work on each remote, and list what rclone lists', async () => {
    const src = join(dir, 'src');
    makeTree(src, { 'a.txt': 'alpha\n', 'sub/b.bin': { size: 70_000, seed: 3 }, 'sub/deeper/ü c.txt': 'names\n' });
    mkdirSync(join(dir, 'loc-root'));
    const roots = {
      acd: `acd:rsy-rconf-${run}`,
      s3: `s3:rsy-rconf-${run}/tree`,
      swift: `swift:rsy-rconf-${run}/tree`,
      loc: `loc:${join(dir, 'loc-root')}`,
    };
    for (const [name, root] of Object.entries(roots)) {
      const lsd = await ours(['lsd', `${name}:${name === 'loc' ? dir : ''}`]);
      assert.equal(lsd.code, 0, `${name}: ${lsd.stderr}`);
      const copy = await ours(['copy', src, root]);
      assert.equal(copy.code, 0, `${name}: ${copy.stderr}`);
      const ls = await ours(['ls', root]);
      assert.equal(ls.code, 0, `${name}: ${ls.stderr}`);
      const theirs = await rclone(['ls', root]);
      assert.equal(theirs.code, 0, `${name} (rclone): ${theirs.stderr}`);
      const sorted = (t) => t.split('\n').filter(Boolean).sort();
      assert.deepEqual(sorted(ls.stdout), sorted(theirs.stdout), `${name}: rsyncish and rclone list the same files`);
      assert.deepEqual(sorted(ls.stdout).map((l) => l.trim()), ['6 a.txt', '6 sub/deeper/ü c.txt', '70000 sub/b.bin'].sort());
    }
    const back = join(dir, 'back-from-acd');
    const down = await ours(['copy', roots.acd, back]);
    assert.equal(down.code, 0, down.stderr);
    // ACD keeps no modtimes of ours: compare the bytes.
    const md5s = (root) => Object.fromEntries(Object.entries(snapshot(root)).map(([k, v]) => [k, v.md5]));
    assert.deepEqual(md5s(back), md5s(src));
    assert.deepEqual(proxy.refused, [], 'the proxy was asked for nothing but drive.amazonaws.com');
  });

  test('when rsyncish rewrites the file, every other line stays as rclone wrote it, and rclone still reads it', async () => {
    const before = readFileSync(conf, 'utf8');
    const update = await ours(['config', 'update', 'loc', 'copy_links=true']);
    assert.equal(update.code, 0, update.stderr);
    const after = readFileSync(conf, 'utf8');
    // rsyncish writes no blank line after the last section; every other byte is rclone's.
    assert.equal(after.trimEnd(), before.replace(/^(\[loc\]\ntype = local\n)/m, '$1copy_links = true\n').trimEnd(), 'only the updated key changed');
    assert.match(after, /^acl = private$/m, 'an option rsyncish does not know is kept');
    const lsd = await rclone(['lsd', 'acd:']);
    assert.equal(lsd.code, 0, lsd.stderr);
    assert.match(lsd.stdout, new RegExp(`rsy-rconf-${run}`));
  });

  test('a remote rsyncish creates under rclone\'s type name is one rclone opens', async () => {
    const acd = /^\[acd\]\n([^[]*)/m.exec(readFileSync(conf, 'utf8'))[1];
    const value = (key) => new RegExp(`^${key} = (.*)$`, 'm').exec(acd)[1];
    const created = await ours(['config', 'create', 'acd2', 'amazon cloud drive', `client_id=${value('client_id')}`,
      `client_secret=${value('client_secret')}`, `auth_url=${value('auth_url')}`, `token_url=${value('token_url')}`, `token=${value('token')}`]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(readFileSync(conf, 'utf8'), /^\[acd2\]\ntype = amazon cloud drive\n/m);
    const theirs = await rclone(['lsd', 'acd2:']);
    assert.equal(theirs.code, 0, theirs.stderr);
    assert.match(theirs.stdout, new RegExp(`rsy-rconf-${run}`));
  });

  test('a password option is kept obscured in the same form in both directions', async () => {
    const obscured = await rsyncish(['obscure', 'pa55 wörd']);
    assert.equal(obscured.code, 0, obscured.stderr);
    // An obscured value is base64url and may start with '-': `--` keeps it from being read as a flag.
    const byRclone = await runProgram('rclone', ['reveal', '--', obscured.stdout.trim()]);
    assert.equal(byRclone.stdout, 'pa55 wörd\n', 'rclone reveals what rsyncish obscured');
    const theirs = await runProgram('rclone', ['obscure', 'pa55 wörd']);
    const byUs = await rsyncish(['reveal', '--', theirs.stdout.trim()]);
    assert.equal(byUs.stdout, 'pa55 wörd\n', 'rsyncish reveals what rclone obscured');
    const bad = await rsyncish(['reveal', 'not obscured!']);
    const rcloneBad = await runProgram('rclone', ['reveal', 'not obscured!']);
    assert.equal(bad.code, rcloneBad.code, 'the same exit code as rclone');
    assert.match(bad.stderr, /^ERROR : base64 decode failed when revealing password - is it obscured\? \(hint: .*obscure.*\)\n$/);
  });
});
