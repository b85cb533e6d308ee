import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { request } from './harness.js';
import { parseCli, UsageError } from './cli.js';

const BIN = fileURLToPath(new URL('../bin/acd-emulator.js', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  return { child, out: () => stdout, err: () => stderr };
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('the bin prints one "listening" line, logs requests with -v, and stops cleanly on SIGTERM', async () => {
  const p = run(['--port', '0', '-v', '--auto-approve', '--rate-limit', '100', '--token-ttl', '5m']);
  await waitFor(() => p.out().includes('\n'));
  const m = /^acd-emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(p.out());
  assert.ok(m, p.out());
  const url = m[1]!;
  const tok = (await request(`${url}/_emulator/tokens`, { method: 'POST' })).json();
  assert.equal(tok.expires_in, 300);
  assert.equal((await request(`${url}/drive/v1/account/info`, { token: tok.access_token })).status, 200);
  assert.equal((await request(`${url}/_emulator/faults`)).json().rateLimit, 100);
  await waitFor(() => p.err().includes('GET /drive/v1/account/info 200'));
  p.child.kill('SIGTERM');
  const [code] = await once(p.child, 'exit');
  assert.equal(code, 0);
  assert.equal(p.out().split('\n').filter(Boolean).length, 1, 'stdout holds only the listening line');
});

test('stops on SIGINT too', async () => {
  const p = run([]);
  await waitFor(() => p.out().includes('listening'));
  p.child.kill('SIGINT');
  const [code] = await once(p.child, 'exit');
  assert.equal(code, 0);
});

test('--help prints usage; bad flags give one line and exit 1, no stack trace', async () => {
  const help = run(['--help']);
  const [hc] = await once(help.child, 'exit');
  assert.equal(hc, 0);
  assert.match(help.out(), /^Usage: acd-emulator/);
  for (const args of [['--bogus'], ['--port', 'x'], ['--fail-rate', '7'], ['--max-file-size', '3Q'], ['--token-ttl', 'soon'], ['--download-wall-mode', 'maybe']]) {
    const p = run(args);
    const [code] = await once(p.child, 'exit');
    assert.equal(code, 1, args.join(' '));
    assert.equal(p.err().trim().split('\n').length, 1, p.err());
    assert.match(p.err(), /^acd-emulator: /);
    assert.doesNotMatch(p.err(), /\n\s+at /);
  }
});

test('flags map onto emulator options', () => {
  const cfg = parseCli(['--host', '127.0.0.1', '--port', '8080', '--data', '/tmp/x', '--client-id', 'c', '--client-secret', 's',
    '--auto-approve', '--token-ttl', '5s', '--fail-rate', '0.1', '--ghost-upload-rate', '0.5', '--ghost-upload-delay', '2s',
    '--max-file-size', '50GiB', '--download-wall', '10G', '--listing-lag', '100ms', '--next-token-ttl', '1m', '--templink-ttl', '1h',
    '--timeout-rate', '0.1', '--gateway-timeout-rate', '0.1', '--spurious-403-rate', '0.1', '--pending-upload-rate', '0.1',
    '--ghost-upload-status', '504,408', '--download-wall-mode', 'forbid', '--rate-limit', '5']);
  assert.equal(cfg.options.port, 8080);
  assert.equal(cfg.options.dataDir, '/tmp/x');
  assert.equal(cfg.options.tokenTtl, 5000);
  assert.equal(cfg.options.autoApprove, true);
  assert.deepEqual(cfg.options.faults, {
    rateLimit: '5', failRate: '0.1', timeoutRate: '0.1', gatewayTimeoutRate: '0.1', spurious403Rate: '0.1', ghostUploadRate: '0.5',
    ghostUploadDelay: '2s', ghostUploadStatuses: '504,408', pendingUploadRate: '0.1', maxFileSize: '50GiB', downloadWall: '10G',
    downloadWallMode: 'forbid', listingLag: '100ms', nextTokenTtl: '1m', tempLinkTtl: '1h',
  });
  assert.throws(() => parseCli(['--client-secret', 's']), UsageError);
  assert.throws(() => parseCli(['extra']), UsageError);
});
