// Dropbox's own JavaScript SDK (the `dropbox` npm package, unmodified) against the dropbox
// emulator process: its requests go to api.dropboxapi.com / content.dropboxapi.com as always,
// and the fetch it is given sends them to the emulator instead. What the SDK gets back is
// checked against Dropbox's documented shapes, and content_hash against the algorithm the
// Dropbox docs give, computed here.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Dropbox, DropboxAuth } from 'dropbox';
import { patterned } from './helpers.mjs';
import { startDropboxEmulator } from './support/dropbox-emulator-process.mjs';

const CLIENT_ID = 'sdk-proof-app';
// The SDK sends the browser to dropbox.com (rclone to www.dropbox.com).
const REAL_HOSTS = new Set(['api.dropboxapi.com', 'content.dropboxapi.com', 'dropbox.com', 'www.dropbox.com']);
const MiB = 1024 * 1024;

/** Dropbox's documented content_hash: SHA-256 over the SHA-256 of each 4 MiB block. */
function documentedContentHash(data) {
  const blocks = [];
  for (let i = 0; i < data.length; i += 4 * MiB) blocks.push(createHash('sha256').update(data.subarray(i, i + 4 * MiB)).digest());
  return createHash('sha256').update(Buffer.concat(blocks)).digest('hex');
}

/** Expect the SDK call to fail with this status; returns its error body. */
async function failure(promise, status) {
  try {
    await promise;
  } catch (err) {
    assert.equal(err.status, status, `expected ${status}, got ${err.status}: ${JSON.stringify(err.error)}`);
    return err;
  }
  assert.fail(`expected a ${status}`);
}

let emu;
let seenHosts;
/** The SDK's fetch: same request, sent to the emulator; node-fetch's buffer() for downloads. */
function emulatorFetch(url, init) {
  const u = new URL(url);
  seenHosts.add(u.host);
  return fetch(`${emu.url}${u.pathname}${u.search}`, init).then((res) => {
    res.buffer = async () => Buffer.from(await res.arrayBuffer());
    return res;
  });
}

let dbx;
let auth;

before(async () => {
  seenHosts = new Set();
  emu = await startDropboxEmulator(['--auto-approve', '--client-id', CLIENT_ID]);
});
after(() => emu?.stop());

describe('the dropbox SDK against the emulator', () => {
  test('--print-config names the emulator for every endpoint', () => {
    assert.equal(emu.options.type, 'dropbox');
    assert.equal(emu.options.client_id, CLIENT_ID);
    assert.equal(emu.options.auth_url, `${emu.url}/oauth2/authorize`);
    assert.equal(emu.options.token_url, `${emu.url}/oauth2/token`);
    assert.equal(emu.options.api_endpoint, emu.url);
    assert.equal(emu.options.content_endpoint, emu.url);
  });

  test('OAuth: PKCE code flow with an offline refresh token', async () => {
    auth = new DropboxAuth({ clientId: CLIENT_ID, fetch: emulatorFetch });
    const redirectUri = 'http://127.0.0.1:9/done';
    const authUrl = await auth.getAuthenticationUrl(redirectUri, 'st4te', 'code', 'offline', null, 'none', true);
    assert.ok(REAL_HOSTS.has(new URL(authUrl).host), authUrl);
    const page = await emulatorFetch(authUrl, { redirect: 'manual' });
    assert.equal(page.status, 302);
    const back = new URL(page.headers.get('location'));
    assert.equal(back.searchParams.get('state'), 'st4te');
    const tokens = await auth.getAccessTokenFromCode(redirectUri, back.searchParams.get('code'));
    assert.match(tokens.result.access_token, /^sl\./);
    assert.equal(tokens.result.token_type, 'bearer');
    assert.ok(tokens.result.refresh_token);
    assert.ok(tokens.result.expires_in > 0);
    auth.setAccessToken(tokens.result.access_token);
    auth.setRefreshToken(tokens.result.refresh_token);
    auth.setAccessTokenExpiresAt(new Date(Date.now() + tokens.result.expires_in * 1000));
    dbx = new Dropbox({ auth, fetch: emulatorFetch });
    const account = await dbx.usersGetCurrentAccount();
    assert.equal(account.result.root_info['.tag'], 'user');
  });

  test('an expired access token is 401 expired_access_token; the refresh token gets a new one', async () => {
    await emu.control('POST', 'expire-tokens', {});
    const err = await failure(dbx.filesListFolder({ path: '' }), 401);
    assert.equal(err.error.error['.tag'], 'expired_access_token');
    assert.match(err.error.error_summary, /^expired_access_token\//);
    await auth.refreshAccessToken();
    assert.equal((await dbx.filesListFolder({ path: '' })).status, 200);
  });

  test('folders: create_folder_v2, then a clash ignoring case', async () => {
    const made = await dbx.filesCreateFolderV2({ path: '/Photos' });
    assert.deepEqual(Object.keys(made.result.metadata).sort(), ['id', 'name', 'path_display', 'path_lower']);
    assert.equal(made.result.metadata.path_lower, '/photos');
    assert.match(made.result.metadata.id, /^id:[A-Za-z0-9_-]{22}$/);
    const err = await failure(dbx.filesCreateFolderV2({ path: '/PHOTOS' }), 409);
    assert.match(err.error.error_summary, /^path\/conflict\/folder\//);
    assert.deepEqual(err.error.error, { '.tag': 'path', path: { '.tag': 'conflict', conflict: { '.tag': 'folder' } } });
  });

  test('a single upload keeps client_modified and the name\'s case under the folder\'s', async () => {
    const data = Buffer.from('a cat picture');
    const up = await dbx.filesUpload({ path: '/photos/Cat.JPG', contents: data, mode: { '.tag': 'add' }, client_modified: '2021-03-04T05:06:07Z' });
    assert.equal(up.result.path_display, '/Photos/Cat.JPG');
    assert.equal(up.result.path_lower, '/photos/cat.jpg');
    assert.equal(up.result.client_modified, '2021-03-04T05:06:07Z');
    assert.match(up.result.server_modified, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(up.result.rev, /^[0-9a-f]{9,}$/);
    assert.equal(up.result.size, data.length);
    assert.equal(up.result.content_hash, documentedContentHash(data));
    const again = await failure(dbx.filesUpload({ path: '/Photos/cat.jpg', contents: Buffer.from('another cat'), mode: { '.tag': 'add' } }), 409);
    assert.match(again.error.error_summary, /^path\/conflict\/file\//);
    const meta = await dbx.filesGetMetadata({ path: '/PHOTOS/CAT.jpg' });
    assert.equal(meta.result['.tag'], 'file');
    assert.equal(meta.result.id, up.result.id);
  });

  test('a session upload in three appends, with the offset checked; content_hash as documented', async () => {
    const data = patterned(9 * MiB + 123, 7);
    const start = await dbx.filesUploadSessionStart({ contents: data.subarray(0, 4 * MiB), close: false });
    const id = start.result.session_id;
    const wrong = await failure(dbx.filesUploadSessionAppendV2({ cursor: { session_id: id, offset: 5 }, close: false, contents: data.subarray(4 * MiB, 8 * MiB) }), 409);
    assert.deepEqual(wrong.error.error, { '.tag': 'incorrect_offset', correct_offset: 4 * MiB });
    await dbx.filesUploadSessionAppendV2({ cursor: { session_id: id, offset: 4 * MiB }, close: false, contents: data.subarray(4 * MiB, 8 * MiB) });
    const done = await dbx.filesUploadSessionFinish({
      cursor: { session_id: id, offset: 8 * MiB },
      commit: { path: '/Big/Video.bin', mode: { '.tag': 'overwrite' } },
      contents: data.subarray(8 * MiB),
    });
    assert.equal(done.result.size, data.length);
    assert.equal(done.result.content_hash, documentedContentHash(data));
    assert.notEqual(done.result.content_hash, createHash('sha256').update(data).digest('hex'), 'the block hash, not a plain SHA-256');
    const gone = await failure(dbx.filesUploadSessionAppendV2({ cursor: { session_id: id, offset: data.length }, contents: Buffer.from('x') }), 409);
    assert.equal(gone.error.error['.tag'], 'not_found');
  });

  test('batch finish: finish_batch_v2 at once, finish_batch polled through finish_batch/check', async () => {
    const closedSession = async (text) => {
      const s = await dbx.filesUploadSessionStart({ contents: Buffer.from(text), close: true });
      return { cursor: { session_id: s.result.session_id, offset: Buffer.byteLength(text) } };
    };
    const entries = [];
    for (let i = 0; i < 4; i++) entries.push({ ...(await closedSession(`small ${i}`)), commit: { path: `/Batch/f${i}.txt` } });
    const open = await dbx.filesUploadSessionStart({ contents: Buffer.from('not closed'), close: false });
    entries.push({ cursor: { session_id: open.result.session_id, offset: 10 }, commit: { path: '/Batch/open.txt' } });
    const v2 = await dbx.filesUploadSessionFinishBatchV2({ entries });
    assert.deepEqual(v2.result.entries.map((e) => e['.tag']), ['success', 'success', 'success', 'success', 'failure']);
    assert.equal(v2.result.entries[2].path_display, '/Batch/f2.txt');
    assert.equal(v2.result.entries[2].content_hash, documentedContentHash(Buffer.from('small 2')));
    assert.deepEqual(v2.result.entries[4].failure, { '.tag': 'lookup_failed', lookup_failed: { '.tag': 'not_closed' } });

    const v1 = await dbx.filesUploadSessionFinishBatch({ entries: [{ ...(await closedSession('via v1')), commit: { path: '/Batch/v1.txt' } }] });
    assert.equal(v1.result['.tag'], 'async_job_id');
    let status;
    const seen = [];
    do {
      status = await dbx.filesUploadSessionFinishBatchCheck({ async_job_id: v1.result.async_job_id });
      seen.push(status.result['.tag']);
    } while (status.result['.tag'] === 'in_progress' && seen.length < 5);
    assert.deepEqual(seen, ['in_progress', 'complete']);
    assert.equal(status.result.entries[0]['.tag'], 'success');
    assert.equal(status.result.entries[0].path_lower, '/batch/v1.txt');
  });

  test('list_folder pages with limit, then continue reports what changed since', async () => {
    const first = await dbx.filesListFolder({ path: '/batch', limit: 2 });
    const names = first.result.entries.map((e) => e.name);
    let page = first.result;
    while (page.has_more) {
      page = (await dbx.filesListFolderContinue({ cursor: page.cursor })).result;
      names.push(...page.entries.map((e) => e.name));
    }
    assert.deepEqual(names.sort(), ['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'v1.txt']);
    assert.ok(first.result.entries.length <= 2);
    await dbx.filesUpload({ path: '/Batch/new.txt', contents: Buffer.from('new') });
    await dbx.filesDeleteV2({ path: '/Batch/f0.txt' });
    const changes = (await dbx.filesListFolderContinue({ cursor: page.cursor })).result;
    assert.deepEqual(changes.entries.map((e) => [e['.tag'], e.path_lower]), [['file', '/batch/new.txt'], ['deleted', '/batch/f0.txt']]);
    const recursive = await dbx.filesListFolder({ path: '', recursive: true });
    const paths = recursive.result.entries.map((e) => e.path_lower);
    assert.ok(paths.includes('/big/video.bin') && paths.includes('/photos') && paths.includes('/batch/new.txt'));
    const missing = await failure(dbx.filesListFolder({ path: '/no/such' }), 409);
    assert.match(missing.error.error_summary, /^path\/not_found\//);
  });

  test('download: whole, and a byte range', async () => {
    const data = patterned(9 * MiB + 123, 7);
    const whole = await dbx.filesDownload({ path: '/big/video.bin' });
    assert.ok(whole.result.fileBinary.equals(data));
    assert.equal(whole.result.content_hash, documentedContentHash(data));
    const ranged = new Dropbox({ auth, fetch: emulatorFetch, customHeaders: { Range: 'bytes=4194300-4194311' } });
    const part = await ranged.filesDownload({ path: '/big/video.bin' });
    assert.equal(part.status, 206);
    assert.ok(part.result.fileBinary.equals(data.subarray(4194300, 4194312)));
    const folder = await failure(dbx.filesDownload({ path: '/Photos' }), 409);
    assert.match(folder.error.error_summary, /^path\/not_file\//);
  });

  test('copy, move (a case-only rename too) and delete', async () => {
    const copied = await dbx.filesCopyV2({ from_path: '/Photos', to_path: '/Archive/Photos 2021' });
    assert.equal(copied.result.metadata['.tag'], 'folder');
    const copy = await dbx.filesGetMetadata({ path: '/archive/photos 2021/cat.jpg' });
    const original = await dbx.filesGetMetadata({ path: '/photos/cat.jpg' });
    assert.notEqual(copy.result.id, original.result.id);
    assert.equal(copy.result.content_hash, original.result.content_hash);

    const moved = await dbx.filesMoveV2({ from_path: '/Photos/Cat.JPG', to_path: '/Pets/cat.jpg' });
    assert.equal(moved.result.metadata.id, original.result.id);
    assert.equal(moved.result.metadata.path_display, '/Pets/cat.jpg');
    const renamed = await dbx.filesMoveV2({ from_path: '/pets/cat.jpg', to_path: '/Pets/CAT.jpg' });
    assert.equal(renamed.result.metadata.name, 'CAT.jpg');

    const clash = await failure(dbx.filesMoveV2({ from_path: '/Pets/CAT.jpg', to_path: '/Big/video.BIN' }), 409);
    assert.match(clash.error.error_summary, /^to\/conflict\/file\//);
    const noSource = await failure(dbx.filesCopyV2({ from_path: '/nothing', to_path: '/x' }), 409);
    assert.match(noSource.error.error_summary, /^from_lookup\/not_found\//);

    const deleted = await dbx.filesDeleteV2({ path: '/Archive' });
    assert.equal(deleted.result.metadata['.tag'], 'folder');
    const gone = await failure(dbx.filesGetMetadata({ path: '/archive/photos 2021/cat.jpg' }), 409);
    assert.match(gone.error.error_summary, /^path\/not_found\//);
    const twice = await failure(dbx.filesDeleteV2({ path: '/Archive' }), 409);
    assert.match(twice.error.error_summary, /^path_lookup\/not_found\//);
  });

  test('too_many_write_operations and too_many_requests are 429 with Retry-After', async () => {
    await emu.control('POST', 'inject', { error: 'too_many_write_operations', route: 'files/upload' });
    const busy = await failure(dbx.filesUpload({ path: '/later.txt', contents: Buffer.from('x') }), 429);
    assert.equal(busy.error.error.reason['.tag'], 'too_many_write_operations');
    assert.equal(busy.headers.get('retry-after'), '1');
    await emu.control('POST', 'inject', { error: 'too_many_requests' });
    const limited = await failure(dbx.filesListFolder({ path: '' }), 429);
    assert.equal(limited.error.error.reason['.tag'], 'too_many_requests');
    assert.equal(limited.error.error.retry_after, 1);
    assert.equal((await dbx.filesUpload({ path: '/later.txt', contents: Buffer.from('x') })).status, 200);
  });

  test('get_space_usage counts what is stored', async () => {
    const usage = await dbx.usersGetSpaceUsage();
    assert.equal(usage.result.allocation['.tag'], 'individual');
    const { entries } = await emu.control('GET', 'entries');
    const stored = entries.reduce((n, e) => n + (e.size ?? 0), 0);
    assert.equal(usage.result.used, stored);
  });

  test('the SDK only ever addressed Dropbox\'s own hosts', () => {
    assert.deepEqual([...seenHosts].filter((h) => !REAL_HOSTS.has(h)), []);
    assert.ok(seenHosts.has('api.dropboxapi.com') && seenHosts.has('content.dropboxapi.com'));
  });
});

// Many small files committed in batches while the emulator fails 10% of requests (500/503)
// and refuses 10% of writes and batch entries with too_many_write_operations: a client that
// retries what Dropbox says to retry ends with every file present once, with the right
// content_hash. 30 files always; 2,000 with RSYNCISH_LONG=1.
describe('batched commits under faults', () => {
  const COUNT = process.env.RSYNCISH_LONG === '1' ? 2000 : 30;
  const BATCH = 500;

  /** Runs an SDK call again after a 429 (waiting Retry-After) or a 5xx, as Dropbox asks. */
  async function retrying(call) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        if (!(err.status === 429 || err.status >= 500) || attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, Number(err.headers?.get?.('retry-after') ?? 0) * 1000));
      }
    }
  }

  test(`${COUNT} small files through finish_batch_v2`, { timeout: 600_000 }, async () => {
    const token = await emu.control('POST', 'token', {});
    const client = new Dropbox({ accessToken: token.access_token, fetch: emulatorFetch });
    // retry_after 0 keeps the run short; the header is still honoured.
    await emu.control('POST', 'faults', { failRate: 0.1, tooManyWritesRate: 0.1, retryAfter: 0 });
    await emu.control('POST', 'inject', { error: 'too_many_write_operations', route: 'finish_batch', count: 2 });
    try {
      const files = Array.from({ length: COUNT }, (_, i) => ({ path: `/Many/d${i % 7}/File ${i}.txt`, data: Buffer.from(`file ${i} `.repeat(1 + (i % 13))) }));
      const pending = [];
      for (let i = 0; i < files.length; i += 8) {
        const started = await Promise.all(files.slice(i, i + 8).map((f) => retrying(() => client.filesUploadSessionStart({ contents: f.data, close: true }))));
        started.forEach((s, j) => pending.push({ file: files[i + j], cursor: { session_id: s.result.session_id, offset: files[i + j].data.length } }));
      }
      let todo = pending;
      let contended = 0;
      for (let round = 0; todo.length > 0; round++) {
        assert.ok(round < 40, `still ${todo.length} uncommitted after 40 rounds`);
        const next = [];
        for (let i = 0; i < todo.length; i += BATCH) {
          const chunk = todo.slice(i, i + BATCH);
          const res = await retrying(() => client.filesUploadSessionFinishBatchV2({ entries: chunk.map((p) => ({ cursor: p.cursor, commit: { path: p.file.path } })) }));
          res.result.entries.forEach((e, j) => {
            if (e['.tag'] === 'success') return;
            assert.equal(e.failure['.tag'], 'too_many_write_operations', JSON.stringify(e));
            contended++;
            next.push(chunk[j]);
          });
        }
        todo = next;
      }
      assert.ok(COUNT < 100 || contended > 0, 'the run saw batch entries refused');
    } finally {
      await emu.control('POST', 'faults/reset', {});
    }
    const listed = [];
    let page = (await client.filesListFolder({ path: '/many', recursive: true, limit: 500 })).result;
    listed.push(...page.entries);
    while (page.has_more) {
      page = (await client.filesListFolderContinue({ cursor: page.cursor })).result;
      listed.push(...page.entries);
    }
    const filesListed = listed.filter((e) => e['.tag'] === 'file');
    assert.equal(filesListed.length, COUNT);
    assert.equal(new Set(filesListed.map((e) => e.path_lower)).size, COUNT, 'each file once');
    for (const e of filesListed) {
      const i = Number(/file (\d+)\.txt$/.exec(e.path_lower)[1]);
      assert.equal(e.content_hash, documentedContentHash(Buffer.from(`file ${i} `.repeat(1 + (i % 13)))), e.path_display);
    }
  });
});
