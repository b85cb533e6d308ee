import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../errors/index.js';
import { ConfigStore } from './config-store.js';
import { parseConfig, serializeConfig } from './ini-format.js';
import { optionEnvName, optionFlagName, resolveOptions } from './option-values.js';

test('config values are raw: JSON tokens keep # ; = and dotted section names stay flat', () => {
  const text = '# comment\n[my.remote]\ntype = acd\ntoken = {"access_token":"a#b;c=d"}\n\n[other]\ntype = local\n';
  const s = parseConfig(text, 'f.conf');
  assert.deepEqual([...s.keys()], ['my.remote', 'other']);
  assert.equal(s.get('my.remote')!.get('token'), '{"access_token":"a#b;c=d"}');
  assert.equal(serializeConfig(parseConfig(serializeConfig(s), 'x')), serializeConfig(s));
});

test('a malformed config file names the file and the line', () => {
  for (const [text, line] of [['[a]\ntype = x\n[broken\n', 3], ['[a]\njust words\n', 2], ['key = before section\n', 1]] as const) {
    assert.throws(() => parseConfig(text, '/etc/r.conf'), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, new RegExp(`/etc/r\\.conf:${line}\\b`));
      assert.equal(e.exitCode, 1);
      return true;
    });
  }
});

test('the store writes atomically with mode 0600 and keeps other sections', async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-config-'));
  const path = join(dir, 'sub', 'rsyncish.conf');
  const store = new ConfigStore(path);
  await store.set('a', { type: 'local' });
  await store.set('b', { type: 'acd', token: 'secret' });
  await store.set('a', { copy_links: 'true' });
  const st = await fs.stat(path);
  assert.equal(st.mode & 0o777, 0o600);
  const again = new ConfigStore(path);
  assert.deepEqual(await again.get('a'), { type: 'local', copy_links: 'true' });
  assert.deepEqual(await again.remotes(), ['a', 'b']);
  assert.equal(await again.delete('b'), true);
  assert.deepEqual(await new ConfigStore(path).remotes(), ['a']);
  assert.deepEqual((await fs.readdir(join(dir, 'sub'))).filter((n) => n.endsWith('.tmp')), []);
});

test('an int option takes a whole number a number holds exactly, and refuses a bigger one in one line', () => {
  const specs = [{ name: 'upload_concurrency', help: '', type: 'int' as const, default: '4' }];
  const read = (v: string) => resolveOptions('s3', specs, { env: {}, section: { upload_concurrency: v } }, 'remote "r"');
  assert.deepEqual(read('9007199254740991'), { upload_concurrency: 9007199254740991 });
  assert.throws(() => read('99999999999999999999'), (err: unknown) =>
    err instanceof ConfigError && /upload_concurrency.*"99999999999999999999" is too big/.test(err.message) && /9007199254740991/.test(err.hint ?? ''));
  assert.throws(() => read('1e3'), /is not a whole number/);
});

test('options resolve flag > env > config > default and parse by type', () => {
  const specs = [
    { name: 'templink_threshold', help: '', type: 'size' as const, default: '9G' },
    { name: 'upload_wait_per_gb', help: '', type: 'duration' as const, default: '3m' },
    { name: 'endpoint', help: '', type: 'string' as const },
    { name: 'flag', help: '', type: 'bool' as const },
  ];
  assert.equal(optionFlagName('acd', 'templink_threshold'), 'acd-templink-threshold');
  assert.equal(optionEnvName('acd', 'templink_threshold'), 'RSYNCISH_ACD_TEMPLINK_THRESHOLD');
  const none = resolveOptions('acd', specs, { env: {} }, 'remote "r"');
  assert.deepEqual(none, { templink_threshold: 9 * 2 ** 30, upload_wait_per_gb: 180_000, endpoint: undefined, flag: false });
  const all = resolveOptions('acd', specs, {
    flags: { templink_threshold: '1M' },
    env: { RSYNCISH_ACD_TEMPLINK_THRESHOLD: '2M', RSYNCISH_ACD_ENDPOINT: 'http://127.0.0.1:1/' },
    section: { templink_threshold: '3M', endpoint: 'http://x/', upload_wait_per_gb: '0', flag: 'true' },
  }, 'remote "r"');
  assert.deepEqual(all, { templink_threshold: 2 ** 20, upload_wait_per_gb: 0, endpoint: 'http://127.0.0.1:1/', flag: true });
  assert.throws(() => resolveOptions('acd', specs, { env: {}, section: { templink_threshold: 'huge' } }, 'remote "r"'), /templink_threshold/);
});

test('twenty stores writing one file at once lose no remote', async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-config-'));
  const path = join(dir, 'rsyncish.conf');
  await Promise.all(Array.from({ length: 20 }, (_, i) => new ConfigStore(path).set(`r${i}`, { type: 'local' })));
  const names = await new ConfigStore(path).remotes();
  assert.deepEqual(names.sort(), Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
  assert.deepEqual((await fs.readdir(dir)).sort(), ['rsyncish.conf']);
});

test('patch changes only its keys, keeps what another store wrote meanwhile, and never revives a deleted remote', async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-config-'));
  const path = join(dir, 'rsyncish.conf');
  const mine = new ConfigStore(path);
  await mine.set('acd', { type: 'acd', token: 'old', client_id: 'c' });
  assert.deepEqual(await mine.get('acd'), { type: 'acd', token: 'old', client_id: 'c' });
  await new ConfigStore(path).set('other', { type: 'local' });
  await new ConfigStore(path).set('acd', { client_id: 'changed' });
  assert.equal(await mine.patch('acd', { token: 'new' }), true);
  const after = new ConfigStore(path);
  assert.deepEqual(await after.get('acd'), { type: 'acd', token: 'new', client_id: 'changed' });
  assert.deepEqual(await after.get('other'), { type: 'local' });

  await new ConfigStore(path).delete('acd');
  const before = await fs.readFile(path, 'utf8');
  assert.equal(await mine.patch('acd', { token: 'newer' }), false);
  assert.equal(await fs.readFile(path, 'utf8'), before);
});

test('a write that changes nothing leaves the file alone', async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-config-'));
  const path = join(dir, 'rsyncish.conf');
  const store = new ConfigStore(path);
  await store.set('a', { type: 'local', token: 't' });
  const { ino } = await fs.stat(path);
  await store.patch('a', { token: 't' });
  assert.equal((await fs.stat(path)).ino, ino);
});

test('a name, key or value with a line break is refused and nothing is written', async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-config-'));
  const path = join(dir, 'rsyncish.conf');
  const store = new ConfigStore(path);
  await store.set('a', { type: 'local' });
  const before = await fs.readFile(path, 'utf8');
  const cases: [string, Record<string, string>, RegExp][] = [
    ['x', { type: 'local', nounc: 'a\n[evil]\ntype = local' }, /the value of "nounc" for remote "x" contains a line break/],
    ['x', { type: 'local', nounc: 'a\rb' }, /the value of "nounc" for remote "x" contains a line break/],
    ['x', { type: 'local', 'k\n[evil]': 'v' }, /the option name "k\\n\[evil\]" of remote "x" contains a line break/],
    ['x\n[evil]', { type: 'local' }, /the remote name "x\\n\[evil\]" contains a line break/],
    ['x', { 'a = b': 'v' }, /cannot be an option name/],
    ['x]', { type: 'local' }, /cannot be a remote name/],
  ];
  for (const [name, values, message] of cases) {
    await assert.rejects(store.set(name, values), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, message);
      assert.ok(!e.message.includes('\n'), 'one line');
      assert.match(e.hint ?? '', /./);
      return true;
    });
    assert.equal(await fs.readFile(path, 'utf8'), before);
  }
  assert.deepEqual((await fs.readdir(dir)).sort(), ['rsyncish.conf']);
});

test('a refused write leaves the store reading what the file holds', async () => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-config-'));
  const store = new ConfigStore(join(dir, 'rsyncish.conf'));
  await store.set('a', { type: 'local' });
  await assert.rejects(store.set('a', { nounc: 'x\n[evil]' }), ConfigError);
  assert.deepEqual(await store.get('a'), { type: 'local' });
  assert.deepEqual(await store.remotes(), ['a']);
});

test('a password option is revealed from every source, and a plain one is refused with a hint', () => {
  const specs = [{ name: 'pass', help: '', type: 'string' as const, password: true }];
  // rclone obscure's vector for "potato" (fs/config/obscure/obscure_test.go).
  const potato = 'YWFhYWFhYWFhYWFhYWFhYXMaGgIlEQ';
  assert.deepEqual(resolveOptions('sftp', specs, { env: {}, section: { pass: potato } }, 'remote "r"'), { pass: 'potato' });
  assert.deepEqual(resolveOptions('sftp', specs, { env: { RSYNCISH_SFTP_PASS: potato } }, 'sftp'), { pass: 'potato' });
  assert.deepEqual(resolveOptions('sftp', specs, { env: {}, flags: { pass: potato } }, 'sftp'), { pass: 'potato' });
  assert.deepEqual(resolveOptions('sftp', specs, { env: {}, section: { pass: '' } }, 'remote "r"'), { pass: undefined });
  assert.throws(() => resolveOptions('sftp', specs, { env: {}, section: { pass: 'hunter2!' } }, 'remote "r"'), (err: unknown) =>
    err instanceof ConfigError && /option pass \(remote "r"\) is not obscured/.test(err.message) && !err.message.includes('hunter2')
      && /rsyncish obscure/.test(err.hint ?? ''));
});

test('a config file rclone encrypted is refused with how to decrypt it, not read as malformed', () => {
  const text = '# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\nq3T2CbG0ZqWk0VBm1y9UJX0fL0xJg1kD\n';
  assert.throws(() => parseConfig(text, '/home/u/.config/rclone/rclone.conf'), (err: unknown) =>
    err instanceof ConfigError && /rclone\.conf is encrypted with rclone's config encryption/.test(err.message)
      && /unencrypted copy/.test(err.hint ?? ''));
});
