import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Filter } from '../filter/index.js';
import { backupName, guardBackupDir } from './backup-dir.js';

const at = (path: string, store = 'acd:r') => ({ store, path, caseInsensitive: false });
const none = new Filter();

test('backupName adds the suffix as rclone SuffixName does, before the extension with --suffix-keep-extension', () => {
  assert.equal(backupName('a/b.txt', '', false), 'a/b.txt');
  assert.equal(backupName('a/b.txt', '.bak', false), 'a/b.txt.bak');
  assert.equal(backupName('a/b.txt', '-old', true), 'a/b-old.txt');
  assert.equal(backupName('a/b.tar.gz', '-old', true), 'a/b.tar-old.gz');
  assert.equal(backupName('a.d/b', '-old', true), 'a.d/b-old', 'a dot in a directory name is no extension');
  assert.equal(backupName('.bashrc', '-old', true), '-old.bashrc', "Go's path.Ext counts a leading dot");
});

test('guardBackupDir refuses another remote and every overlap, in rclone words', () => {
  const refused = (fn: () => void, message: string) =>
    assert.throws(fn, (err: Error & { exitCode?: number }) => err.message === message && err.exitCode === 7);
  refused(() => guardBackupDir(at('s'), at('d'), at('old', 'local'), none), 'parameter to --backup-dir has to be on the same remote as destination');
  refused(() => guardBackupDir(at('s'), at('d'), at('d/old'), none), "destination and parameter to --backup-dir mustn't overlap");
  refused(() => guardBackupDir(at('s'), at('d/x'), at('d'), none), "destination and parameter to --backup-dir mustn't overlap");
  refused(() => guardBackupDir(at('s'), at('d'), at('d'), none), "destination and parameter to --backup-dir mustn't overlap");
  refused(() => guardBackupDir(at('s'), at('d'), at('s/old'), none), "source and parameter to --backup-dir mustn't overlap");
  guardBackupDir(at('s'), at('d'), at('old'), none);
  guardBackupDir(at('s'), at('d'), at('dold'), none);
  guardBackupDir(at('s'), at('d'), at('d/old'), new Filter({ exclude: ['/old/**'] }));
});
