// What the drive backend does that other backends do not: Google Docs listed
// under their export name and read through an export, duplicate names reported
// instead of merged, and the trash or a real delete by use_trash. One in-process
// drive emulator; the CLI runs as a real process against it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startEmulator } from '@rsyncish/drive-emulator';
import { oneErrorLine, rsyncish, tempDir } from './helpers.mjs';
import { rsyncishInteractive } from './support/acd-processes.mjs';

let emu;
const dir = tempDir('rsyncish-drive-');
const config = join(dir, 'rsyncish.conf');
const DOC = 'application/vnd.google-apps.document';
const SHEET = 'application/vnd.google-apps.spreadsheet';

before(async () => {
  emu = await startEmulator({ host: '127.0.0.1', port: 0, autoApprove: true });
  const t = emu.control.issueToken({ ttl: '2h' });
  const token = JSON.stringify({ access_token: t.access_token, token_type: t.token_type, refresh_token: t.refresh_token, expiry: t.expiry });
  writeFileSync(config, ['[gd]', 'type = drive', 'client_id = e2e', 'client_secret = e2e-secret', `endpoint = ${emu.url}`,
    `token_url = ${emu.url}/token`, 'pacer_min_sleep = 1ms', `token = ${token}`, ''].join('\n'));
});
after(async () => {
  await emu?.stop();
});

async function folder(name) {
  return emu.control.plantFile({ name, mimeType: 'application/vnd.google-apps.folder' });
}

const live = (name) => emu.control.files().filter((f) => f.name === name);

test('Google Docs are listed with their export extension and size -1, read through the export, left out with --drive-skip-gdocs', async () => {
  const docs = await folder('docs');
  await emu.control.plantFile({ parentId: docs.id, name: 'Report', mimeType: DOC, content: 'the exported report\n' });
  await emu.control.plantFile({ parentId: docs.id, name: 'Budget', mimeType: SHEET, content: 'a,b\n' });
  await emu.control.plantFile({ parentId: docs.id, name: 'plain.txt', mimeType: 'text/plain', content: 'bytes\n' });
  const ls = await rsyncish(['lsjson', 'gd:docs'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  const entries = Object.fromEntries(JSON.parse(ls.stdout).map((e) => [e.Path, e.Size]));
  assert.deepEqual(entries, { 'Report.docx': -1, 'Budget.xlsx': -1, 'plain.txt': 6 });
  const cat = await rsyncish(['cat', 'gd:docs/Report.docx'], { config });
  assert.equal(cat.code, 0, cat.stderr);
  assert.equal(cat.stdout, 'the exported report\n');
  const back = join(dir, 'docs-back');
  const copy = await rsyncish(['copy', 'gd:docs', back, '-q'], { config });
  assert.equal(copy.code, 0, copy.stderr);
  assert.equal(readFileSync(join(back, 'Budget.xlsx'), 'utf8'), 'a,b\n');
  const odt = await rsyncish(['lsf', 'gd:docs', '--drive-export-formats', 'odt,csv'], { config });
  assert.deepEqual(odt.stdout.trim().split('\n').sort(), ['Budget.csv', 'Report.odt', 'plain.txt']);
  const unknown = await rsyncish(['lsf', 'gd:docs', '--drive-export-formats', 'odt,nope'], { config });
  assert.match(oneErrorLine(unknown), /export_formats .*couldn't find MIME type for extension "\.nope"/);
  const skipped = await rsyncish(['lsf', 'gd:docs', '--drive-skip-gdocs'], { config });
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.equal(skipped.stdout, 'plain.txt\n');
});

test('a file upload onto a Google Doc\'s export name is refused, the document kept', async () => {
  const src = join(dir, 'Report.docx');
  writeFileSync(src, 'not a document');
  const r = await rsyncish(['copyto', src, 'gd:docs/Report.docx'], { config });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /is a Google document exported as \.docx; rsyncish does not overwrite documents/);
  const cat = await rsyncish(['cat', 'gd:docs/Report.docx'], { config });
  assert.equal(cat.stdout, 'the exported report\n');
});

test('two files of one name in a folder are reported with their ids and never merged', async () => {
  const dups = await folder('dups');
  const a = await emu.control.plantFile({ parentId: dups.id, name: 'twin.txt', content: 'first\n' });
  const b = await emu.control.plantFile({ parentId: dups.id, name: 'twin.txt', content: 'second twin\n' });
  const ls = await rsyncish(['ls', 'gd:dups'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  assert.equal(ls.stdout.trim().split('\n').length, 1, ls.stdout);
  assert.match(ls.stderr, /twin\.txt: Duplicate object found: 2 items have this name/);
  assert.ok(ls.stderr.includes(a.id) && ls.stderr.includes(b.id), ls.stderr);
  // A copy over it replaces one of them and leaves the other as it was: both still exist.
  const src = join(dir, 'twin.txt');
  writeFileSync(src, 'replacement\n');
  const copy = await rsyncish(['copyto', src, 'gd:dups/twin.txt', '-q'], { config });
  assert.equal(copy.code, 0, copy.stderr);
  assert.equal(live('twin.txt').filter((f) => !f.trashed).length, 2);
});

test('deletes go to the trash by default and are final with --drive-use-trash=false', async () => {
  const trash = await folder('trash');
  await emu.control.plantFile({ parentId: trash.id, name: 'kept-in-trash.txt', content: 'x' });
  await emu.control.plantFile({ parentId: trash.id, name: 'gone.txt', content: 'y' });
  const soft = await rsyncish(['deletefile', 'gd:trash/kept-in-trash.txt'], { config });
  assert.equal(soft.code, 0, soft.stderr);
  assert.deepEqual(live('kept-in-trash.txt').map((f) => f.trashed), [true]);
  const hard = await rsyncish(['deletefile', 'gd:trash/gone.txt', '--drive-use-trash=false'], { config });
  assert.equal(hard.code, 0, hard.stderr);
  assert.deepEqual(live('gone.txt'), []);
});

test('a chunk size that is not a power of two of at least 256 KiB is one error line', async () => {
  const r = await rsyncish(['ls', 'gd:', '--drive-chunk-size', '100k'], { config });
  const line = oneErrorLine(r);
  assert.match(line, /chunk_size .* must be a power of 2 and at least 256 KiB/);
});

test('a drive remote without client_id is refused when it is made: rsyncish has no shared Google client', async () => {
  const r = await rsyncish(['config', 'create', 'noclient', 'drive'], { config: join(dir, 'no-client.conf') });
  assert.match(oneErrorLine(r), /client_id/);
});

test('rclone\'s pacer_burst in a drive section is not read, and the remote works; as a flag it is unknown', async () => {
  const withBurst = join(dir, 'burst.conf');
  writeFileSync(withBurst, readFileSync(config, 'utf8').replace('type = drive\n', 'type = drive\npacer_burst = 100\n'));
  const ls = await rsyncish(['lsf', 'gd:trash'], { config: withBurst });
  assert.equal(ls.code, 0, ls.stderr);
  assert.match(oneErrorLine(await rsyncish(['lsf', 'gd:trash', '--drive-pacer-burst', '5'], { config })), /unknown flag: --drive-pacer-burst/);
});

test('a folder is listed page by page: --drive-list-chunk 2 reads 5 files in 3 requests, each page asked for by its token', async () => {
  const paged = await folder('paged');
  for (let i = 1; i <= 5; i++) await emu.control.plantFile({ parentId: paged.id, name: `p${i}.txt`, content: `${i}` });
  emu.control.clearRequests();
  const ls = await rsyncish(['lsf', 'gd:paged', '--drive-list-chunk', '2'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(ls.stdout.trim().split('\n').sort(), ['p1.txt', 'p2.txt', 'p3.txt', 'p4.txt', 'p5.txt']);
  const query = (r) => new URL(r.url, emu.url).searchParams;
  const pages = emu.control.requests().filter((r) => r.method === 'GET' && (query(r).get('q') ?? '').includes(`'${paged.id}' in parents`));
  assert.equal(pages.length, 3, pages.map((r) => r.url).join('\n'));
  assert.deepEqual(pages.map((r) => query(r).get('pageSize')), ['2', '2', '2']);
  assert.equal(pages.filter((r) => query(r).has('pageToken')).length, 2);
});

test('root_folder_id roots the remote at that folder', async () => {
  const [docs] = emu.control.files().filter((f) => f.name === 'docs');
  const r = await rsyncish(['lsf', 'gd:', '--drive-root-folder-id', docs.id, '--drive-skip-gdocs'], { config });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'plain.txt\n');
});

test('rsyncish authorize drive runs the browser login and prints a token that opens the remote', async () => {
  const r = await rsyncishInteractive(['authorize', 'drive', 'e2e-authorize', 'e2e-secret',
    '--drive-auth-url', `${emu.url}/o/oauth2/auth`, '--drive-token-url', `${emu.url}/token`]);
  assert.equal(r.code, 0, r.stderr);
  const [, token] = /Paste the following into your remote machine --->\n(.*)\n<---End paste/.exec(r.stdout) ?? [];
  assert.ok(JSON.parse(token).refresh_token, r.stdout);
  const authorized = join(dir, 'authorized.conf');
  writeFileSync(authorized, ['[az]', 'type = drive', 'client_id = e2e-authorize', 'client_secret = e2e-secret', `endpoint = ${emu.url}`,
    `token_url = ${emu.url}/token`, `token = ${token}`, ''].join('\n'));
  const lsd = await rsyncish(['lsd', 'az:'], { config: authorized });
  assert.equal(lsd.code, 0, lsd.stderr);
  assert.match(lsd.stdout, / docs\n/);
});
