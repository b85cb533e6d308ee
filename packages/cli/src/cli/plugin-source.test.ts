import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localPluginSources } from './plugin-source.js';

const cwd = '/home/ann/work';
const home = '/home/ann';
const rewrite = (...argv: string[]) => localPluginSources(argv, cwd, home);

test('tarballs given to plugins install become absolute file: specs', () => {
  assert.deepEqual(rewrite('plugins', 'install', 'my-backend-1.0.0.tgz'), ['plugins', 'install', 'file:/home/ann/work/my-backend-1.0.0.tgz']);
  assert.deepEqual(rewrite('plugins', 'install', '../b.tar.gz'), ['plugins', 'install', 'file:/home/ann/b.tar.gz']);
  assert.deepEqual(rewrite('plugins', 'add', '/opt/x.tar'), ['plugins', 'add', 'file:/opt/x.tar']);
  assert.deepEqual(rewrite('plugins:install', '~/src/plugin.tgz'), ['plugins:install', 'file:/home/ann/src/plugin.tgz']);
  assert.deepEqual(rewrite('plugins', 'install', '-v', 'a.tgz', 'b.tgz'), ['plugins', 'install', '-v', 'file:/home/ann/work/a.tgz', 'file:/home/ann/work/b.tgz']);
});

test('a folder is refused with a usage error that points to plugins link', () => {
  for (const folder of ['./my-backend', '/opt/my-backend', '~/src/plugin']) {
    assert.throws(() => rewrite('plugins', 'install', folder), (err: { code: string; exitCode: number; message: string; hint: string }) => {
      assert.equal(err.code, 'ERR_PLUGIN_FOLDER');
      assert.equal(err.exitCode, 1);
      assert.equal(err.message, `${folder} is a folder, not a package tarball`);
      assert.equal(err.hint, `use "rsyncish plugins link ${folder}", or "npm pack" it and install the .tgz`);
      return true;
    });
  }
});

test('registry names, GitHub slugs, URLs and other commands are left alone', () => {
  for (const spec of ['rsyncish-backend-x', '@acme/rsyncish-backend-x@1.2.0', 'someuser/someplugin', 'file:/x.tgz', 'https://example.com/x.tgz']) {
    assert.deepEqual(rewrite('plugins', 'install', spec), ['plugins', 'install', spec]);
  }
  assert.deepEqual(rewrite('plugins', 'link', './x'), ['plugins', 'link', './x']);
  assert.deepEqual(rewrite('copy', './a.tgz', 'b'), ['copy', './a.tgz', 'b']);
  assert.deepEqual(rewrite('plugins'), ['plugins']);
});
