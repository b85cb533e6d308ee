import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiArgHeader } from './api/api-arg.js';
import { batchSettings } from './batch-settings.js';
import { clientModified } from './client-modified.js';
import { readDropboxOptions } from './options.js';

const read = (options: Record<string, string | number>) => readDropboxOptions({ remoteName: 'dbx', options });

test('an endpoint is its origin, with or without a trailing /2/', () => {
  for (const given of ['http://127.0.0.1:9', 'http://127.0.0.1:9/', 'http://127.0.0.1:9/2', 'http://127.0.0.1:9/2/']) {
    assert.equal(read({ api_endpoint: given }).apiEndpoint, 'http://127.0.0.1:9', given);
  }
  assert.equal(read({}).contentEndpoint, 'https://content.dropboxapi.com');
});

test('chunk_size above 150 MiB and batch_size of 1000 are refused in one line with a hint', () => {
  assert.throws(() => read({ chunk_size: 151 * 1024 * 1024 }), (err: Error & { hint?: string }) =>
    /chunk_size of remote "dbx" must be between 1 and 150Mi/.test(err.message) && /48Mi/.test(err.hint ?? ''));
  assert.throws(() => read({ batch_size: 1000 }), /batch_size of remote "dbx" must be >= 0 and < 1000/);
  assert.throws(() => read({ api_endpoint: 'nowhere' }), /api_endpoint of remote "dbx" is not a URL/);
});

test('batch sizes and idle times follow rclone: sync as --transfers after 500 ms, async 100 after 10 s, off none', () => {
  assert.deepEqual(batchSettings({ batchMode: 'sync', batchSize: 0, batchTimeoutMs: 0 }, 16), { size: 16, idleMs: 500 });
  assert.deepEqual(batchSettings({ batchMode: 'async', batchSize: 0, batchTimeoutMs: 0 }, 16), { size: 100, idleMs: 10_000 });
  assert.deepEqual(batchSettings({ batchMode: 'sync', batchSize: 50, batchTimeoutMs: 2000 }, 4), { size: 50, idleMs: 2000 });
  assert.equal(batchSettings({ batchMode: 'off', batchSize: 0, batchTimeoutMs: 0 }, 4), undefined);
});

test('Dropbox-API-Arg is ASCII: other characters are JSON \\u escapes', () => {
  assert.equal(apiArgHeader({ path: '/ünï €😀\u007f' }), '{"path":"/\\u00fcn\\u00ef \\u20ac\\ud83d\\ude00\\u007f"}');
  assert.deepEqual(JSON.parse(apiArgHeader({ path: '/ünï €😀' })), { path: '/ünï €😀' });
});

test('client_modified is UTC to the nearest second', () => {
  assert.equal(clientModified(Date.parse('2020-01-02T03:04:05.499Z')), '2020-01-02T03:04:05Z');
  assert.equal(clientModified(Date.parse('2020-01-02T03:04:05.500Z')), '2020-01-02T03:04:06Z');
});
