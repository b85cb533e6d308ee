// Proof of the Drive emulator with a client no one here wrote: Google's own
// Node library (@googleapis/drive and its google-auth-library), pointed at a
// drive-emulator process through `rootUrl` and the OAuth endpoints the
// emulator's --print-config names, runs a whole workflow: the browser-step
// OAuth flow with PKCE, folders, multipart and resumable uploads, listing
// with q and paging, ranged download, copy, move, trash, delete, emptyTrash,
// about, a Google Doc export, refresh after expiry, and Google's error shape.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { auth, drive as driveApi } from '@googleapis/drive';
import { patterned, ROOT } from './helpers.mjs';

const BIN = join(ROOT, 'packages/drive-emulator/bin/drive-emulator.js');
const md5 = (buf) => createHash('md5').update(buf).digest('hex');
const CHUNK = 256 * 1024;

/** Starts the emulator and reads its listening line and the config section it prints. */
function startEmulatorProcess(args) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.once('exit', (code) => reject(new Error(`drive-emulator exited ${code}: ${err}`)));
    child.stdout.on('data', (d) => {
      out += d;
      if (!/^token_url = .*\n/m.test(out)) return;
      const url = /drive-emulator listening on (http:\/\/\S+)/.exec(out)[1];
      const options = Object.fromEntries([...out.matchAll(/^(\w+) = (.*)$/gm)].map((m) => [m[1], m[2]]));
      resolve({ child, url, section: out.slice(out.indexOf('[')), options });
    });
  });
}

describe('@googleapis/drive against drive-emulator', () => {
  let emu;
  let oauth;
  let drive;
  const control = (path, body) =>
    fetch(`${emu.url}/_emulator/${path}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) }).then((r) => r.json());

  before(async () => {
    emu = await startEmulatorProcess(['--port', '0', '--auto-approve', '--client-id', 'proof-client', '--client-secret', 'proof-secret', '--print-config', 'gd']);
  });
  after(async () => {
    if (emu && emu.child.exitCode === null) {
      emu.child.removeAllListeners('exit');
      const exited = new Promise((r) => emu.child.once('exit', r));
      emu.child.kill('SIGTERM');
      await exited;
    }
  });

  test('--print-config names the section, type and every endpoint', () => {
    assert.match(emu.section, /^\[gd\]\ntype = drive\n/);
    assert.deepEqual(emu.options, {
      type: 'drive', client_id: 'proof-client', client_secret: 'proof-secret', scope: 'drive',
      endpoint: emu.url, auth_url: `${emu.url}/o/oauth2/auth`, token_url: `${emu.url}/token`,
    });
  });

  test('authorization code with PKCE S256 and access_type=offline gives a refresh token', async () => {
    const { client_id, client_secret, auth_url, token_url, endpoint } = emu.options;
    const redirectUri = 'http://127.0.0.1:53682/';
    oauth = new auth.OAuth2({ clientId: client_id, clientSecret: client_secret, redirectUri, endpoints: { oauth2AuthBaseUrl: auth_url, oauth2TokenUrl: token_url } });
    const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
    const url = oauth.generateAuthUrl({ access_type: 'offline', scope: ['https://www.googleapis.com/auth/drive'], state: 's1', code_challenge_method: 'S256', code_challenge: codeChallenge });
    const browser = await fetch(url, { redirect: 'manual' });
    assert.equal(browser.status, 302);
    const back = new URL(browser.headers.get('location'));
    assert.equal(`${back.origin}/`, redirectUri);
    assert.equal(back.searchParams.get('state'), 's1');
    const code = back.searchParams.get('code');

    // A wrong verifier is refused, and the code is spent with it, as Google does.
    const wrong = await oauth.getToken({ code, codeVerifier: 'x'.repeat(43) }).catch((e) => e);
    assert.equal(wrong.response?.status, 400);
    assert.equal(wrong.response.data.error, 'invalid_grant');

    const again = await fetch(url, { redirect: 'manual' });
    const code2 = new URL(again.headers.get('location')).searchParams.get('code');
    const { tokens } = await oauth.getToken({ code: code2, codeVerifier });
    assert.match(tokens.access_token, /^ya29\./);
    assert.ok(tokens.refresh_token, 'offline access gives a refresh token');
    assert.equal(tokens.token_type, 'Bearer');
    oauth.setCredentials(tokens);
    drive = driveApi({ version: 'v3', auth: oauth, rootUrl: `${endpoint}/` });
  });

  // The library takes the upload URL from the call's own rootUrl, not the client's: media calls pass it again.
  const uploadTo = () => ({ rootUrl: `${emu.options.endpoint}/` });
  const ids = {};
  const small = patterned(70_000, 3);
  const big = patterned(3 * CHUNK + 12_345, 9);

  test('folders and a multipart upload', async () => {
    const folder = (name, parent) => drive.files.create({ requestBody: { name, mimeType: 'application/vnd.google-apps.folder', ...(parent ? { parents: [parent] } : {}) }, fields: 'id,name,mimeType,parents' });
    const a = (await folder('A')).data;
    const root = (await drive.files.get({ fileId: 'root', fields: 'id' })).data.id;
    assert.deepEqual(a.parents, [root]);
    ids.A = a.id;
    ids.B = (await folder('B')).data.id;
    ids.sub = (await folder('sub', ids.A)).data.id;

    const res = await drive.files.create({
      requestBody: { name: 'small.bin', parents: [ids.A], modifiedTime: '2024-02-03T04:05:06.789Z' },
      media: { mimeType: 'application/octet-stream', body: Readable.from([small]) },
      fields: 'id,name,size,md5Checksum,sha1Checksum,sha256Checksum,modifiedTime,mimeType',
    }, uploadTo());
    assert.equal(res.status, 200);
    assert.equal(res.data.size, String(small.length), 'size is a string, as in Drive');
    assert.equal(res.data.md5Checksum, md5(small));
    assert.equal(res.data.sha256Checksum, createHash('sha256').update(small).digest('hex'));
    assert.equal(res.data.sha1Checksum, createHash('sha1').update(small).digest('hex'));
    assert.equal(res.data.modifiedTime, '2024-02-03T04:05:06.789Z');
    ids.small = res.data.id;
  });

  test('a resumable upload in 256 KiB chunks survives a failed chunk', async () => {
    const init = await oauth.request({
      method: 'POST',
      url: `${emu.options.endpoint}/upload/drive/v3/files?uploadType=resumable&fields=id,name,size,md5Checksum,parents`,
      headers: { 'X-Upload-Content-Type': 'application/x-test', 'X-Upload-Content-Length': String(big.length) },
      data: { name: 'big.bin', parents: [ids.A] },
    });
    const session = init.headers.location ?? init.headers.get?.('location');
    assert.match(session, /upload_id=/);
    const put = (headers, data) => oauth.request({ method: 'PUT', url: session, headers, data, validateStatus: () => true, retry: false });
    const rangeOf = (r) => r.headers.range ?? r.headers.get?.('range');

    let r = await put({ 'Content-Range': `bytes 0-${CHUNK - 1}/${big.length}` }, big.subarray(0, CHUNK));
    assert.equal(r.status, 308);
    assert.equal(rangeOf(r), `bytes=0-${CHUNK - 1}`);

    // The next chunk fails; the status query says where to resume.
    await control('faults/inject', { status: 503, path: 'upload_id', count: 1 });
    r = await put({ 'Content-Range': `bytes ${CHUNK}-${2 * CHUNK - 1}/${big.length}` }, big.subarray(CHUNK, 2 * CHUNK));
    assert.equal(r.status, 503);
    assert.equal(r.data.error.errors[0].reason, 'backendError');
    r = await put({ 'Content-Range': `bytes */${big.length}` });
    assert.equal(r.status, 308);
    let offset = Number(/bytes=0-(\d+)/.exec(rangeOf(r))[1]) + 1;
    assert.equal(offset, CHUNK);

    while (offset < big.length) {
      const end = Math.min(offset + CHUNK, big.length);
      r = await put({ 'Content-Range': `bytes ${offset}-${end - 1}/${big.length}` }, big.subarray(offset, end));
      offset = end;
    }
    assert.equal(r.status, 200);
    assert.equal(r.data.name, 'big.bin');
    assert.equal(r.data.size, String(big.length));
    assert.equal(r.data.md5Checksum, md5(big));
    assert.deepEqual(r.data.parents, [ids.A]);
    ids.big = r.data.id;
  });

  test('list with q, orderBy and paging; duplicate names and quotes in names', async () => {
    for (const name of ['p3', 'p1', "it's", 'p2', 'p1']) {
      await drive.files.create({ requestBody: { name, parents: [ids.B] }, media: { mimeType: 'text/plain', body: name }, fields: 'id' }, uploadTo());
    }
    const seen = [];
    let pageToken;
    let pages = 0;
    do {
      const res = await drive.files.list({
        q: `'${ids.B}' in parents and trashed = false and mimeType != 'application/vnd.google-apps.folder'`,
        orderBy: 'name', pageSize: 2, pageToken, fields: 'nextPageToken,files(id,name,size)',
        supportsAllDrives: true, includeItemsFromAllDrives: true, spaces: 'drive',
      });
      assert.ok(res.data.files.length <= 2);
      seen.push(...res.data.files.map((f) => f.name));
      pageToken = res.data.nextPageToken;
      pages++;
    } while (pageToken);
    assert.equal(pages, 3);
    assert.deepEqual(seen, ["it's", 'p1', 'p1', 'p2', 'p3'], 'both files named p1 are listed');

    const quoted = await drive.files.list({ q: `name = 'it\\'s' and '${ids.B}' in parents`, fields: 'files(name,size)' });
    assert.deepEqual(quoted.data.files, [{ name: "it's", size: '4' }]);

    const inA = await drive.files.list({ q: `'${ids.A}' in parents and (mimeType = 'application/vnd.google-apps.folder' or name = 'big.bin')`, fields: 'files(name)', orderBy: 'folder,name' });
    assert.deepEqual(inA.data.files.map((f) => f.name), ['sub', 'big.bin']);

    const bad = await drive.files.list({ q: "name = 'unterminated" }).catch((e) => e);
    assert.equal(bad.status, 400);
    assert.equal(bad.response.data.error.errors[0].location, 'q');
  });

  test('ranged download', async () => {
    const res = await drive.files.get({ fileId: ids.big, alt: 'media' }, { responseType: 'arraybuffer', headers: { Range: 'bytes=300000-300099' } });
    assert.equal(res.status, 206);
    assert.deepEqual(Buffer.from(res.data), big.subarray(300_000, 300_100));
    const whole = await drive.files.get({ fileId: ids.small, alt: 'media' }, { responseType: 'arraybuffer' });
    assert.equal(md5(Buffer.from(whole.data)), md5(small));
  });

  test('copy, then move and rename with addParents/removeParents', async () => {
    const copy = (await drive.files.copy({ fileId: ids.small, requestBody: { name: 'small-copy.bin', parents: [ids.B] }, fields: 'id,name,parents,md5Checksum' })).data;
    assert.notEqual(copy.id, ids.small);
    assert.deepEqual(copy.parents, [ids.B]);
    assert.equal(copy.md5Checksum, md5(small));
    ids.copy = copy.id;

    const moved = (await drive.files.update({ fileId: ids.small, addParents: ids.sub, removeParents: ids.A, requestBody: { name: 'moved.bin' }, fields: 'id,name,parents' })).data;
    assert.deepEqual(moved, { id: ids.small, name: 'moved.bin', parents: [ids.sub] });
    const body = await drive.files.get({ fileId: ids.copy, alt: 'media' }, { responseType: 'arraybuffer' });
    assert.equal(md5(Buffer.from(body.data)), md5(small), 'the copy keeps its bytes after the source moved');

    const parentsInBody = await drive.files.update({ fileId: ids.small, requestBody: { parents: [ids.B] } }).catch((e) => e);
    assert.equal(parentsInBody.status, 403);
    assert.equal(parentsInBody.response.data.error.errors[0].reason, 'fieldNotWritable');
  });

  test('trash a folder, delete a file, empty the trash', async () => {
    await drive.files.update({ fileId: ids.sub, requestBody: { trashed: true } });
    const child = (await drive.files.get({ fileId: ids.small, fields: 'trashed,explicitlyTrashed' })).data;
    assert.deepEqual(child, { trashed: true, explicitlyTrashed: false }, 'a trashed folder takes its files with it');
    const live = await drive.files.list({ q: `'${ids.sub}' in parents and trashed = false`, fields: 'files(id)' });
    assert.deepEqual(live.data.files, []);

    const del = await drive.files.delete({ fileId: ids.copy });
    assert.equal(del.status, 204);
    const gone = await drive.files.get({ fileId: ids.copy }).catch((e) => e);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.response.data.error.errors[0], { domain: 'global', reason: 'notFound', message: `File not found: ${ids.copy}.`, location: 'fileId', locationType: 'parameter' });

    assert.equal((await drive.files.emptyTrash()).status, 204);
    for (const id of [ids.sub, ids.small]) {
      assert.equal((await drive.files.get({ fileId: id }).catch((e) => e)).status, 404);
    }
  });

  test('about.get reports the quota and the user', async () => {
    const res = await drive.about.get({ fields: 'storageQuota,user(displayName,emailAddress)' });
    const texts = ['p3', 'p1', "it's", 'p2', 'p1'].reduce((n, s) => n + s.length, 0);
    assert.equal(res.data.storageQuota.usage, String(big.length + texts));
    assert.equal(res.data.storageQuota.usageInDriveTrash, '0');
    assert.ok(Number(res.data.storageQuota.limit) > 0);
    assert.deepEqual(Object.keys(res.data.user).sort(), ['displayName', 'emailAddress']);
  });

  test('a planted Google Doc has no size or md5 and exports bytes', async () => {
    const doc = await control('files', { name: 'Notes', mimeType: 'application/vnd.google-apps.document', content: 'doc text', parentId: ids.B });
    const meta = (await drive.files.get({ fileId: doc.id, fields: 'id,mimeType,size,md5Checksum,exportLinks' })).data;
    assert.equal(meta.size, undefined);
    assert.equal(meta.md5Checksum, undefined);
    assert.ok(meta.exportLinks['text/plain']);
    const exported = await drive.files.export({ fileId: doc.id, mimeType: 'text/plain' }, { responseType: 'arraybuffer' });
    assert.equal(Buffer.from(exported.data).toString(), 'doc text');
    const media = await drive.files.get({ fileId: doc.id, alt: 'media' }).catch((e) => e);
    assert.equal(media.status, 403);
    assert.equal(media.response.data.error.errors[0].reason, 'fileNotDownloadable');
  });

  test('rate-limit and 5xx faults in Google error shape; the client retries a GET past a 503', async () => {
    await control('faults/inject', { status: 403, count: 1, path: '/drive/v3/files' });
    const limited = await drive.files.list({ fields: 'files(id)' }).catch((e) => e);
    assert.equal(limited.status, 403);
    assert.deepEqual(limited.response.data.error.errors[0], { domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' });

    await control('faults/inject', { status: 503, count: 1, method: 'GET', path: `/drive/v3/files/${ids.big}` });
    const res = await drive.files.get({ fileId: ids.big, fields: 'md5Checksum' });
    assert.equal(res.data.md5Checksum, md5(big));
    assert.deepEqual((await control('faults')).pendingInjections, []);
  });

  // CI runs a few MiB; RSYNCISH_LONG=1 runs the 300 MiB version of the same scenario.
  const FAULTY_SIZE = process.env.RSYNCISH_LONG === '1' ? 300 * 1024 * 1024 + 4321 : 4 * 1024 * 1024 + 4321;

  test(`a ${Math.round(FAULTY_SIZE / 2 ** 20)} MiB resumable upload under random faults ends complete and single`, async (t) => {
    const data = patterned(FAULTY_SIZE, 21);
    const expected = md5(data);
    const chunkSize = 8 * CHUNK;
    await control('faults', { failRate: 0.1, partialChunkRate: 0.2, rateLimit: 20 });
    // However the dice fall, at least one chunk fails.
    await control('faults/inject', { status: 503, path: 'upload_id', method: 'PUT' });
    let faults = 0;
    // What rclone's pacer does: retry any 403 rate limit or 5xx after a pause.
    const retrying = async (send) => {
      for (let attempt = 0; ; attempt++) {
        const r = await send().catch((e) => e.response ?? Promise.reject(e));
        if (r.status < 400 || attempt > 60) return r;
        faults++;
        await new Promise((res) => setTimeout(res, 20 * Math.min(attempt + 1, 10)));
      }
    };
    try {
      const init = await retrying(() => oauth.request({
        method: 'POST', url: `${emu.options.endpoint}/upload/drive/v3/files?uploadType=resumable&fields=id,size,md5Checksum`,
        headers: { 'X-Upload-Content-Length': String(data.length) }, data: { name: 'faulty.bin', parents: [ids.B] }, retry: false,
      }));
      const session = init.headers.location ?? init.headers.get?.('location');
      const put = (headers, body) => oauth.request({ method: 'PUT', url: session, headers, data: body, validateStatus: () => true, retry: false });
      const header = (r, name) => r.headers[name] ?? r.headers.get?.(name);
      let offset = 0;
      let done;
      for (;;) {
        const end = Math.min(offset + chunkSize, data.length);
        let r = await put({ 'Content-Range': `bytes ${offset}-${end - 1}/${data.length}` }, data.subarray(offset, end));
        if (r.status !== 200 && r.status !== 308) {
          faults++;
          // The server may have kept part of the chunk: ask where to go on from.
          r = await retrying(() => put({ 'Content-Range': `bytes */${data.length}` }));
        }
        if (r.status === 200) {
          done = r.data;
          break;
        }
        assert.equal(r.status, 308);
        const range = header(r, 'range');
        offset = range ? Number(/bytes=0-(\d+)/.exec(range)[1]) + 1 : 0;
      }
      assert.equal(done.md5Checksum, expected);
      assert.equal(done.size, String(data.length));
    } finally {
      await control('faults', { failRate: 0, partialChunkRate: 0, rateLimit: 0 });
    }
    assert.ok(faults > 0, 'faults were injected along the way');
    t.diagnostic(`${faults} failed requests on the way`);
    const named = await drive.files.list({ q: `name = 'faulty.bin' and '${ids.B}' in parents`, fields: 'files(id,md5Checksum)' });
    assert.equal(named.data.files.length, 1, 'one file, not a duplicate per retry');
    assert.equal(named.data.files[0].md5Checksum, expected);
    const back = await drive.files.get({ fileId: named.data.files[0].id, alt: 'media' }, { responseType: 'stream' });
    const hash = createHash('md5');
    for await (const chunk of back.data) hash.update(chunk);
    assert.equal(hash.digest('hex'), expected, 'the bytes read back are the bytes sent');
  });

  test('an expired access token is refreshed with the refresh token', async () => {
    // Server side the hour is over; client side the library sees its expiry_date passed.
    const expire = async () => {
      await control('tokens/expire', {});
      oauth.setCredentials({ ...oauth.credentials, expiry_date: Date.now() - 1000 });
    };
    await expire();
    const before = oauth.credentials.access_token;
    const res = await drive.files.get({ fileId: ids.big, fields: 'name' });
    assert.equal(res.data.name, 'big.bin');
    assert.notEqual(oauth.credentials.access_token, before);
    assert.ok(oauth.credentials.refresh_token, 'the client keeps its refresh token: Google sends no new one');
    const revoked = await control('tokens/revoke', {});
    assert.ok(revoked.revoked >= 1);
    await expire();
    const refused = await drive.files.get({ fileId: ids.big }).catch((e) => e);
    assert.match(String(refused.response?.data?.error ?? refused.message), /invalid_grant/);
  });
});
