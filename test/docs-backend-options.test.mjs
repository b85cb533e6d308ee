// The options example of docs/writing-a-backend.md is real code: it compiles
// with the guide's own strict tsconfig against the built @rsyncish/core, and
// the compiled module reads options as the guide says it does.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { ROOT, runProgram, tempDir } from './helpers.mjs';

const MARKER = '<!-- checked: test/docs-backend-options.test.mjs';

/** The ```ts block after the marker, without the list item's indentation. */
function checkedBlock() {
  const doc = readFileSync(join(ROOT, 'docs/writing-a-backend.md'), 'utf8');
  const from = doc.indexOf(MARKER);
  assert.ok(from >= 0, 'the guide marks its checked example');
  const m = /^( *)```ts\n([^]*?)^\1```$/m.exec(doc.slice(from));
  assert.ok(m, 'a ts block follows the marker');
  return m[2].split('\n').map((line) => line.slice(m[1].length)).join('\n');
}

test('the guide\'s defineOptions example compiles and reads typed values with defaults', async () => {
  const dir = tempDir('rsyncish-docs-options-');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/options.ts'), checkedBlock());
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  // The guide's tsconfig; node_modules is the repository's, where @rsyncish/core is the workspace package.
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023'], types: ['node'],
      strict: true, declaration: true, verbatimModuleSyntax: true, skipLibCheck: true, rootDir: 'src', outDir: 'dist',
    },
    include: ['src'],
  }));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const tsc = await runProgram(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir]);
  assert.equal(tsc.code, 0, tsc.stdout + tsc.stderr);

  const { mystoreOptions, readSettings } = await import(pathToFileURL(join(dir, 'dist/options.js')).href);
  assert.deepEqual(mystoreOptions.specs.map((s) => s.name), ['url', 'user', 'pass', 'chunk_size', 'pacer_min_sleep', 'no_check_certificate', 'vendor', 'etag_hash']);
  const s = readSettings({ remoteName: 'box', options: { url: 'https://dav.example.com/dav/' } });
  assert.equal(s.url.href, 'https://dav.example.com/dav/');
  assert.equal(s.chunkSize, 10 * 1024 * 1024);
  assert.equal(s.minSleepMs, 10);
  assert.equal(s.checkCertificate, true);
  assert.equal(s.hash, undefined);
  assert.equal(readSettings({ remoteName: 'box', options: { url: 'https://h/', etag_hash: 'md5' } }).hash, 'md5');
  assert.throws(() => readSettings({ remoteName: 'box', options: { url: 'https://h/', etag_hash: 'blake3' } }),
    /invalid option etag_hash \(remote "box"\): "blake3" is not one of none, md5, sha1/);
  assert.throws(() => readSettings({ remoteName: 'box', options: {} }), /option url \(remote "box"\) is required/);
});
