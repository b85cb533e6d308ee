import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlreadyExistsError, ExitCode, FatalBackendError, NotFoundError, RetryableError } from '@rsyncish/core';
import { DirectoryNotEmptyError, IsADirectoryError, NotADirectoryError, PermissionDeniedError } from './errors.js';
import { mapFsError } from './fs-errors.js';

const errno = (code: string) => Object.assign(new Error(`${code}: something, open '/x'`), { code });

test('Node errno codes map to typed errors that name the path', () => {
  const table: [string, new (...a: never[]) => Error, RegExp][] = [
    ['ENOENT', NotFoundError, /^"\/data\/f": file not found$/],
    ['EEXIST', AlreadyExistsError, /already exists/],
    ['EACCES', PermissionDeniedError, /permission denied/],
    ['EPERM', PermissionDeniedError, /permission denied/],
    ['EROFS', PermissionDeniedError, /read-only file system/],
    ['ENOSPC', FatalBackendError, /no space left on device/],
    ['ENOTDIR', NotADirectoryError, /not a directory/],
    ['EISDIR', IsADirectoryError, /is a directory/],
    ['ENOTEMPTY', DirectoryNotEmptyError, /directory not empty/],
    ['EMFILE', RetryableError, /EMFILE/],
  ];
  for (const [code, type, message] of table) {
    const mapped = mapFsError(errno(code), '/data/f');
    assert.ok(mapped instanceof type, code);
    assert.match(mapped.message, message, code);
    assert.match(mapped.message, /"\/data\/f"/, code);
    assert.equal((mapped as Error & { cause?: unknown }).cause instanceof Error, true, code);
  }
});

test('a missing directory has the directory-not-found exit code', () => {
  const mapped = mapFsError(errno('ENOENT'), '/d', { isDir: true }) as NotFoundError;
  assert.equal(mapped.exitCode, ExitCode.DirNotFound);
  assert.match(mapped.message, /directory not found/);
});

test('permission and disk-full errors carry a hint and are not retryable', () => {
  const perm = mapFsError(errno('EACCES'), '/f') as PermissionDeniedError;
  assert.equal(perm.code, 'ERR_PERMISSION');
  assert.equal(perm.retryable, false);
  assert.match(perm.hint!, /permissions/);
  const full = mapFsError(errno('ENOSPC'), '/f') as FatalBackendError;
  assert.equal(full.retryable, false);
  assert.equal(full.exitCode, ExitCode.FatalError);
  assert.match(full.hint!, /free some space/);
});

test('errors without an errno code pass through unchanged', () => {
  const plain = new Error('stream broke');
  assert.equal(mapFsError(plain, '/f'), plain);
});
