// Data safety: Ctrl-C during an upload to S3 (multipart) or Swift (segments)
// leaves no temp object: the multipart upload is aborted on the server, the
// segments already sent are deleted, and the previous object is intact.
// rclone 1.60 is the oracle for what the server still holds.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { makeTree, rsyncish, startRsyncish, tempDir } from '../helpers.mjs';
import { startLocalSwift } from '../support/local-swift.mjs';
import { startGateProxy } from './support/gate-proxy.mjs';

const MiB = 1024 * 1024;
const SWIFT_PORT = 18080;
const run = Date.now().toString(36);

const { skip } = startLocalSwift();

describe('interrupted uploads to S3 and Swift', { skip }, () => {
  let gate;
  let config;
  const rcloneConfig = join(tempDir(), 'rclone.conf');
  const made = [];

  before(async () => {
    // Swift and S3 share the proxy's port; each request through the gate carries its own Host.
    gate = await startGateProxy({ port: SWIFT_PORT, direction: 'up' });
    config = join(tempDir(), 'rsyncish.conf');
    writeFileSync(config, [
      '[s3]', 'type = s3', 'provider = Other', `endpoint = ${gate.url}`, 'force_path_style = true', 'region = us-east-1',
      'access_key_id = test:tester', 'secret_access_key = testing', 'upload_cutoff = 5M', 'chunk_size = 5M', '',
      '[swift]', 'type = swift', 'user = test:tester', 'key = testing', `auth = http://127.0.0.1:${SWIFT_PORT}/auth/v1.0`,
      `storage_url = ${gate.url}/v1/AUTH_test`, 'chunk_size = 5M', '',
    ].join('\n'), { mode: 0o600 });
    // The oracle talks to the server directly.
    writeFileSync(rcloneConfig, [
      '[s3]', 'type = s3', 'provider = Other', `endpoint = http://127.0.0.1:${SWIFT_PORT}`, 'force_path_style = true', 'region = us-east-1',
      'access_key_id = test:tester', 'secret_access_key = testing', '',
      '[sw]', 'type = swift', 'user = test:tester', 'key = testing', `auth = http://127.0.0.1:${SWIFT_PORT}/auth/v1.0`, '',
    ].join('\n'), { mode: 0o600 });
  });

  // The server outlives the run: what the tests stored goes again.
  after(async () => {
    for (const r of made) await rsyncish(['purge', r], { config });
    await gate?.stop();
  });

  const rclone = async (args) => {
    const env = { ...process.env, RCLONE_CONFIG: rcloneConfig };
    delete env.AWS_CA_BUNDLE;
    return (await promisify(execFile)('rclone', args, { env })).stdout;
  };

  /** Seed `remote` with an old big.bin, then Ctrl-C an upload of a new one once the gate holds it. */
  async function interruptUpload(remote) {
    const old = join(tempDir(), 'old');
    makeTree(old, { 'big.bin': 'the previous version', 'keep.txt': 'untouched' });
    const seeded = await rsyncish(['copy', old, remote], { config });
    assert.equal(seeded.code, 0, seeded.stderr);
    const src = join(tempDir(), 'src');
    makeTree(src, { 'big.bin': { size: 24 * MiB, seed: 21 } });
    const child = startRsyncish(['copy', src, remote], { config });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise((resolve) => child.on('close', (code) => resolve(code)));
    // The gate is shared by the tests: wait for one more held upload.
    await gate.held(gate.heldCount + 1);
    child.kill('SIGINT');
    return { code: await done, stderr };
  }

  test('S3: the multipart upload is aborted on the server; the old object stays', async () => {
    const bucket = `rsy-int-${run}`;
    made.push(`s3:${bucket}`);
    const { code, stderr } = await interruptUpload(`s3:${bucket}/dir`);
    assert.equal(code, 130, stderr);
    assert.equal((await rclone(['backend', 'list-multipart-uploads', `s3:${bucket}`])).replace(/\s/g, ''), `{"${bucket}":[]}`);
    assert.equal(await rclone(['cat', `s3:${bucket}/dir/big.bin`]), 'the previous version');
    assert.equal(await rclone(['cat', `s3:${bucket}/dir/keep.txt`]), 'untouched');
  });

  test('Swift: the segments already sent are deleted; the old object stays', async () => {
    const container = `rsy-intsw-${run}`;
    made.push(`swift:${container}`, `swift:${container}_segments`);
    const { code, stderr } = await interruptUpload(`swift:${container}/dir`);
    assert.equal(code, 130, stderr);
    const segments = await rclone(['lsf', '-R', `sw:${container}_segments`]).catch(() => '');
    assert.equal(segments, '', 'no segment left');
    assert.equal(await rclone(['cat', `sw:${container}/dir/big.bin`]), 'the previous version');
    assert.equal(await rclone(['cat', `sw:${container}/dir/keep.txt`]), 'untouched');
  });
});
