// docs/library.md's script, as printed there, run as a real Node process: it
// copies a folder to an acd remote on the emulator and back, and what comes
// back is the folder byte for byte.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, ROOT, rsyncish, runProgram, snapshot, tempDir } from './helpers.mjs';
import { startAcdRemote } from './support/acd-remote.mjs';

/** The first ```js block after "## A script" in docs/library.md, exactly as printed. */
function scriptFromDocs() {
  const doc = readFileSync(join(ROOT, 'docs/library.md'), 'utf8');
  const section = doc.slice(doc.indexOf('\n## A script\n'));
  const match = /\n```js\n([\s\S]*?)\n```\n/.exec(section);
  assert.ok(match, 'docs/library.md has a ```js block under "## A script"');
  return `${match[1]}\n`;
}

/** A folder holding the script, where `@rsyncish/...` resolves to this repository's packages. */
function scriptFolder(script) {
  const dir = tempDir('rsyncish-library-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(ROOT, 'node_modules/@rsyncish'), join(dir, 'node_modules/@rsyncish'));
  writeFileSync(join(dir, 'round-trip.mjs'), script);
  return dir;
}

let emu;
let config;
let options;
before(async () => {
  ({ emu, config, options } = await startAcdRemote());
});
after(async () => {
  await emu?.stop();
});

const TREE = {
  'notes.txt': 'the first file',
  'empty.txt': '',
  'photos/2023/big.bin': { size: 3_000_000, seed: 7 },
  'photos/2023/small.bin': { size: 70_000, seed: 8 },
  'naïve café/ünïcode.md': '# names with accents',
};

test('the script in docs/library.md registers nothing internal', () => {
  const script = scriptFromDocs();
  assert.doesNotMatch(script, /TOKENS|rootContainer|tsyringe|\.register\(|RemoteOpener/);
  assert.match(script, /^import \{ createHost \} from '@rsyncish\/core';$/m);
});

test('every built-in backend package exports a definition a BackendRegistry takes as it is', async () => {
  const { BackendRegistry } = await import('@rsyncish/core');
  const registry = new BackendRegistry();
  const exported = {
    '@rsyncish/plugin-local': 'localBackend',
    '@rsyncish/plugin-amazon-cloud-drive': 'acdBackend',
    '@rsyncish/plugin-google-drive': 'driveBackend',
    '@rsyncish/plugin-memory': 'memoryBackend',
    '@rsyncish/plugin-s3': 's3Backend',
    '@rsyncish/plugin-swift': 'swiftBackend',
    '@rsyncish/plugin-google-cloud-storage': 'gcsBackend',
    '@rsyncish/plugin-dropbox': 'dropboxBackend',
  };
  for (const [pkg, name] of Object.entries(exported)) {
    assert.equal(registry.add((await import(pkg))[name]), undefined, `${pkg}'s ${name} registers`);
  }
  assert.deepEqual(registry.all().map((d) => d.type), ['acd', 'drive', 'dropbox', 'gcs', 'local', 'memory', 's3', 'swift']);
});

test('the script copies a folder to an acd remote on the emulator and back, byte for byte', async () => {
  const dir = scriptFolder(scriptFromDocs());
  const src = join(dir, 'folder');
  const back = join(dir, 'back');
  makeTree(src, TREE);
  const env = {
    ...process.env,
    ACD_ENDPOINT: options.endpoint,
    ACD_TOKEN: options.token,
    ACD_CLIENT_ID: options.client_id,
    ACD_CLIENT_SECRET: options.client_secret,
  };
  const bytes = Object.values(snapshot(src)).reduce((sum, f) => sum + f.size, 0);
  const run = await runProgram(process.execPath, ['round-trip.mjs', 'folder', 'back'], { env, cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(run.stdout.split('\n').filter(Boolean), [
    `up: 5 files, ${bytes} bytes, 0 errors`,
    `down: 5 files, ${bytes} bytes, 0 errors`,
  ]);

  // The files went through the emulator: the remote holds them, with their MD5s.
  const sums = await rsyncish(['md5sum', 'acd:backup'], { config });
  assert.equal(sums.code, 0, sums.stderr);
  const want = Object.entries(snapshot(src)).map(([p, f]) => `${f.md5}  ${p}`).sort();
  assert.deepEqual(sums.stdout.split('\n').filter(Boolean).sort(), want);

  const names = Object.keys(snapshot(src));
  assert.deepEqual(Object.keys(snapshot(back)), names);
  for (const name of names) {
    assert.ok(readFileSync(join(back, name)).equals(readFileSync(join(src, name))), `${name} came back byte for byte`);
  }

  // A second run finds everything there: copy transfers only what is new or changed.
  const again = await runProgram(process.execPath, ['round-trip.mjs', 'folder', 'back'], { env, cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(again.stdout.split('\n').filter(Boolean), ['up: 0 files, 0 bytes, 0 errors', 'down: 0 files, 0 bytes, 0 errors']);
});
