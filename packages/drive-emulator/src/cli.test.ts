import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCli, UsageError } from './cli.js';
import { printConfig } from './print-config.js';

test('flags become emulator options', () => {
  const c = parseCli(['--host', '127.0.0.1', '--port', '0', '--data', '/tmp/x', '--client-id', 'id', '--client-secret', 's', '--auto-approve',
    '--token-ttl', '5m', '--rate-limit', '20', '--fail-rate', '0.1', '--max-file-size', '1G', '--partial-chunk-rate', '0.5', '--print-config', 'gdrive', '-v']);
  assert.equal(c.printConfig, 'gdrive');
  assert.equal(c.verbose, true);
  assert.deepEqual(c.options, {
    host: '127.0.0.1', port: 0, dataDir: '/tmp/x', clientId: 'id', clientSecret: 's', autoApprove: true, tokenTtl: 300_000,
    faults: { rateLimit: '20', failRate: '0.1', partialChunkRate: '0.5', maxFileSize: '1G' },
  });
});

test('mistakes are one-line usage errors', () => {
  for (const bad of [['--port', 'x'], ['--fail-rate', '2'], ['--rate-limit', '-1'], ['--client-secret', 's'], ['--token-ttl', '0s'], ['--nope'], ['--max-file-size', '1Q'], ['--print-config', 'a b']]) {
    assert.throws(() => parseCli(bad), UsageError, bad.join(' '));
  }
});

test('--print-config prints a section rsyncish and rclone can read', () => {
  assert.equal(printConfig({ name: 'gd', url: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's' }), [
    '[gd]', 'type = drive', 'client_id = c', 'client_secret = s', 'scope = drive',
    'endpoint = http://127.0.0.1:9', 'auth_url = http://127.0.0.1:9/o/oauth2/auth', 'token_url = http://127.0.0.1:9/token', '',
  ].join('\n'));
  assert.match(printConfig({ name: 'gd', url: 'http://h:1' }), /^client_id = drive-emulator-client$/m);
  assert.doesNotMatch(printConfig({ name: 'gd', url: 'http://h:1' }), /client_secret/);
});
