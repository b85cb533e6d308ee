// Required options and exclusive choices, as a backend declares them, are
// enforced by config create, config update and the wizard, and a hand-edited
// config file with a bad value fails at open with the same one line. Options
// whose examples are only suggestions take any value, as in rclone.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { oneErrorLine, rsyncish, runProgram, tempDir } from './helpers.mjs';
import { rsyncishInteractive } from './support/acd-processes.mjs';

const fresh = () => join(tempDir('rsyncish-options-'), 'rsyncish.conf');


const rcloneMissing = async () => (await runProgram('rclone', ['version']).catch(() => ({ code: -1 }))).code !== 0;

test('config create refuses a remote without a required option, names it, and writes nothing', async () => {
  const config = fresh();
  const r = await rsyncish(['config', 'create', 'drive', 'acd', 'client_id=my-client', '--non-interactive'], { config });
  assert.equal(oneErrorLine(r),
    'ERROR : option client_secret (remote "drive" of type acd) is required and has no default ' +
    '(hint: give it a value: rsyncish config create drive acd ... client_secret=VALUE (nothing was written))');
  assert.equal(existsSync(config), false);
  // An empty value is no value.
  const empty = await rsyncish(['config', 'create', 'drive', 'acd', 'client_id=', 'client_secret=s', '--non-interactive'], { config });
  assert.match(oneErrorLine(empty), /option client_id \(remote "drive" of type acd\) is required/);
  // Given by its environment variable, as the remote would be opened, it counts.
  const fromEnv = await rsyncish(['config', 'create', 'drive', 'acd', 'client_id=my-client', '--non-interactive'],
    { config, env: { RSYNCISH_ACD_CLIENT_SECRET: 'from-env' } });
  assert.equal(fromEnv.code, 0, fromEnv.stderr);
  assert.equal(readFileSync(config, 'utf8'), '[drive]\ntype = acd\nclient_id = my-client\n');
});

test('config create refuses a value outside an exclusive option\'s choices, naming the allowed ones', async () => {
  const config = fresh();
  const r = await rsyncish(['config', 'create', 'sw', 'swift', 'endpoint_type=private'], { config });
  assert.equal(oneErrorLine(r),
    'ERROR : invalid option endpoint_type (remote "sw"): "private" is not one of public, internal, admin ' +
    '(hint: set endpoint_type to one of: public, internal, admin ("rsyncish backends" describes each))');
  assert.equal(existsSync(config), false);
  const ok = await rsyncish(['config', 'create', 'sw', 'swift', 'endpoint_type=internal'], { config });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(readFileSync(config, 'utf8'), '[sw]\ntype = swift\nendpoint_type = internal\n');
});

test('config update refuses a bad choice and the removal of a required option; the file is unchanged', async () => {
  const config = fresh();
  writeFileSync(config, '[sw]\ntype = swift\nendpoint_type = admin\n\n[drive]\ntype = acd\nclient_id = c\nclient_secret = s\n', { mode: 0o600 });
  const before = readFileSync(config);
  assert.match(oneErrorLine(await rsyncish(['config', 'update', 'sw', 'endpoint_type=Public'], { config })),
    /invalid option endpoint_type \(remote "sw"\): "Public" is not one of public, internal, admin/);
  assert.equal(oneErrorLine(await rsyncish(['config', 'update', 'drive', 'client_secret='], { config })),
    'ERROR : option client_secret (remote "drive" of type acd) is required and has no default ' +
    '(hint: give it a value: rsyncish config update drive client_secret=VALUE (nothing was written))');
  assert.deepEqual(readFileSync(config), before);
});

test('a hand-edited remote with a bad choice or without a required option fails at open with the same one line', async () => {
  const config = fresh();
  writeFileSync(config, '[sw]\ntype = swift\nstorage_url = http://127.0.0.1:9/v1/AUTH_x\nendpoint_type = private\n\n[drive]\ntype = acd\nclient_id = c\n', { mode: 0o600 });
  // Refused before any request: the storage URL above would refuse a connection, exit 5.
  assert.match(oneErrorLine(await rsyncish(['lsd', 'sw:'], { config })),
    /^ERROR : invalid option endpoint_type \(remote "sw"\): "private" is not one of public, internal, admin \(hint: set endpoint_type to one of/);
  assert.match(oneErrorLine(await rsyncish(['lsd', 'drive:'], { config })),
    /^ERROR : option client_secret \(remote "drive"\) is required and has no default \(hint: .*--acd-client-secret or RSYNCISH_ACD_CLIENT_SECRET\)$/);
  // A flag sets a bad choice just as badly.
  assert.match(oneErrorLine(await rsyncish(['lsd', ':swift:', '--swift-endpoint-type', 'backstage'], { config })), /"backstage" is not one of public, internal, admin/);
});

test('examples that are not exclusive are suggestions: any provider is saved, as rclone saves it', async (t) => {
  const config = fresh();
  const ours = await rsyncish(['config', 'create', 'minio', 's3', 'provider=SomethingNew'], { config });
  assert.equal(ours.code, 0, ours.stderr);
  if (await rcloneMissing()) return t.skip('rclone is not installed');
  const theirs = join(tempDir('rsyncish-options-rclone-'), 'rclone.conf');
  const r = await runProgram('rclone', ['--config', theirs, 'config', 'create', 'minio', 's3', 'provider=SomethingNew', '--non-interactive']);
  assert.equal(r.code, 0, r.stderr);
  // rclone ends its file with a blank line; the section is the same.
  assert.equal(readFileSync(config, 'utf8').trimEnd(), readFileSync(theirs, 'utf8').trimEnd());
});

test('rsyncish refuses a bad exclusive choice that rclone saves (a deliberate difference)', async (t) => {
  if (await rcloneMissing()) return t.skip('rclone is not installed');
  const theirs = join(tempDir('rsyncish-options-rclone-'), 'rclone.conf');
  const r = await runProgram('rclone', ['--config', theirs, 'config', 'create', 'sw', 'swift', 'endpoint_type=private', '--non-interactive']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(theirs, 'utf8'), /^endpoint_type = private$/m);
  assert.equal((await rsyncish(['config', 'create', 'sw', 'swift', 'endpoint_type=private'], { config: fresh() })).code, 1);
});

test('the wizard lists an exclusive option\'s values as the only ones and asks again for another', async () => {
  const config = fresh();
  const answers = [
    'n', 'sw', 'swift',
    '', '', '', '', '', '', '', // user, key, auth, tenant, region, storage_url, auth_token
    'y', // Edit advanced config?
    '', '', '', // auth_version, domain, tenant_domain
    'private', '2', // endpoint_type: refused, then the second choice
    '', '', '', '', // list_chunk, chunk_size, no_chunk, encoding
    'y', 'q',
  ];
  const r = await rsyncishInteractive(['config'], { config, input: `${answers.join('\n')}\n` });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Option endpoint_type\.\n.*\nChoose a number from below, or type in an existing value\.\n/);
  assert.match(r.stdout, /endpoint_type> \nFailed to parse "private": .*"private" is not one of public, internal, admin\nendpoint_type> /);
  assert.equal(readFileSync(config, 'utf8'), '[sw]\ntype = swift\nendpoint_type = internal\n');
});
