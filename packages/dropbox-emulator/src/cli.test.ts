import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCli, UsageError } from './cli.js';
import { configSection } from './print-config.js';

test('flags become options; fault flags are checked at once', () => {
  const c = parseCli(['--port', '0', '--auto-approve', '--fail-rate', '0.1', '--too-many-writes-rate', '0.2', '--print-config', 'dbx']);
  assert.equal(c.options.port, 0);
  assert.equal(c.options.autoApprove, true);
  assert.deepEqual(c.options.faults, { failRate: '0.1', tooManyWritesRate: '0.2' });
  assert.equal(c.printConfig, 'dbx');
  assert.throws(() => parseCli(['--fail-rate', '2']), (e: unknown) => e instanceof UsageError && /--fail-rate/.test(e.message));
  assert.throws(() => parseCli(['--client-secret', 'x']), UsageError);
  assert.throws(() => parseCli(['--print-config', 'a]b']), UsageError);
  assert.throws(() => parseCli(['--bogus']), UsageError);
});

test('the printed config points every endpoint at the emulator, with the client only when one was set', () => {
  assert.equal(configSection('dbx', 'http://127.0.0.1:5', {}), [
    '[dbx]', 'type = dropbox',
    'auth_url = http://127.0.0.1:5/oauth2/authorize', 'token_url = http://127.0.0.1:5/oauth2/token',
    'api_endpoint = http://127.0.0.1:5', 'content_endpoint = http://127.0.0.1:5', '',
  ].join('\n'));
  assert.match(configSection('dbx', 'http://h:1', { clientId: 'id', clientSecret: 's' }), /\nclient_id = id\nclient_secret = s\n/);
});
