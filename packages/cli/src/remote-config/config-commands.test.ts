import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { test } from 'node:test';
import { runCli, sandbox } from '../testing/run-cli.js';

test('config create writes a 0600 section and prints it; show, dump and listremotes read it back', async () => {
  const { env, config } = await sandbox();
  const created = await runCli(['config', 'create', 'photos', 'local', 'copy_links=true'], { env });
  assert.equal(created.code, 0, created.stderr);
  assert.equal(created.stdout, '[photos]\ntype = local\ncopy_links = true\n');
  assert.equal((await fs.stat(config)).mode & 0o777, 0o600);
  await runCli(['config', 'create', 'backup', 'local'], { env });

  assert.equal((await runCli(['config', 'show'], { env })).stdout,
    '[photos]\ntype = local\ncopy_links = true\n\n[backup]\ntype = local\n\n');
  assert.equal((await runCli(['config', 'show', 'backup'], { env })).stdout, '[backup]\ntype = local\n');
  assert.deepEqual(JSON.parse((await runCli(['config', 'dump'], { env })).stdout), {
    backup: { type: 'local' },
    photos: { copy_links: 'true', type: 'local' },
  });
  assert.equal((await runCli(['listremotes'], { env })).stdout, 'photos:\nbackup:\n');
  assert.equal((await runCli(['listremotes', '--long'], { env })).stdout, 'photos: local\nbackup: local\n');
});

test('config create refuses an unknown type, an unknown key and a bad value, exit 1', async () => {
  const { env } = await sandbox();
  for (const [args, pattern] of [
    [['nosuch'], /couldn't find backend for type "nosuch"/],
    [['local', 'colour=blue'], /"colour" is not an option of backend type "local"/],
    [['local', 'copy_links=maybe'], /copy_links.*"maybe"/],
    [['local', 'novalue'], /expected key=value/],
  ] as const) {
    const r = await runCli(['config', 'create', 'x', ...args], { env });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, pattern);
  }
  assert.equal((await runCli(['listremotes'], { env })).stdout, '');
});

test('config update merges, config delete removes, config file says where', async () => {
  const { env, config } = await sandbox();
  const before = await runCli(['config', 'file'], { env });
  assert.equal(before.stdout, `Configuration file doesn't exist, but rsyncish will use this path:\n${config}\n`);
  await runCli(['config', 'create', 'a', 'local', 'copy_links=true'], { env });
  const updated = await runCli(['config', 'update', 'a', 'skip-links=true'], { env });
  assert.equal(updated.stdout, '[a]\ntype = local\ncopy_links = true\nskip_links = true\n');
  assert.equal((await runCli(['config', 'file'], { env })).stdout, `Configuration file is stored at:\n${config}\n`);
  assert.equal((await runCli(['config', 'delete', 'a'], { env })).code, 0);
  assert.equal((await runCli(['listremotes'], { env })).stdout, '');
  const missing = await runCli(['config', 'show', 'a'], { env });
  assert.equal(missing.code, 1);
});

test('--config points at another file', async () => {
  const { env, dir } = await sandbox();
  const other = `${dir}/other.conf`;
  await runCli(['config', 'create', 'elsewhere', 'local', '--config', other], { env });
  assert.match(await fs.readFile(other, 'utf8'), /\[elsewhere\]/);
  assert.equal((await runCli(['listremotes'], { env })).stdout, '');
});

test('backends lists local with its capabilities and options; --json parses', async () => {
  const { env } = await sandbox();
  const text = await runCli(['backends'], { env });
  assert.match(text.stdout, /^local: Local Disk \(from @rsyncish\/plugin-local\)$/m);
  assert.match(text.stdout, /flag --local-copy-links, env RSYNCISH_LOCAL_COPY_LINKS/);
  const json = JSON.parse((await runCli(['backends', '--json'], { env })).stdout);
  const local = json.find((d: { type: string }) => d.type === 'local');
  assert.ok(local, 'local is listed');
  // 1 ns where the platform lets rsyncish set nanoseconds, else 1 µs (see docs/backends/local.md).
  assert.ok([0.000001, 0.001].includes(local.capabilities.modTime.precisionMs), String(local.capabilities.modTime.precisionMs));
  // Sorted by type, whatever order the plugins load in.
  assert.deepEqual(json.map((d: { type: string }) => d.type), json.map((d: { type: string }) => d.type).sort());
});

test('version names rsyncish, the platform, node and each backend plugin', async () => {
  const { env } = await sandbox();
  const r = await runCli(['version'], { env });
  assert.match(r.stdout, /^rsyncish v0\.1\.0\n- os\/arch: \w+\/\w+\n- node: v\d+/);
  assert.match(r.stdout, /- local: @rsyncish\/plugin-local v0\.1\.0/);
  assert.match((await runCli(['--version'], { env })).stdout, /^rsyncish\/0\.1\.0 /);
});
