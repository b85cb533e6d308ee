import { closeSync, constants, fstatSync, openSync, type Stats } from 'node:fs';
import { IsADirectoryError, NotARegularFileError } from '@rsyncish/core';
import { fdClose, fdOpen, fdStat } from './fd-io.js';
import { describeSpecialFile } from './file-kind.js';
import { mapFsError } from './fs-errors.js';

/**
 * Non-blocking, so that a file swapped for a named pipe since it was listed
 * cannot hang the run: open() of a FIFO waits for a writer, and a read of one
 * for data. On a regular file the flag changes nothing.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Open a file that was listed as a regular file, and check that it still is
 * one before a byte is read: a pipe, socket or device is a
 * NotARegularFileError, a directory an IsADirectoryError; the descriptor is
 * closed then. Errors are typed and name `fsPath`.
 */
export async function openRegularFile(fsPath: string): Promise<{ fd: number; stats: Stats }> {
  let fd: number;
  try {
    fd = await fdOpen(fsPath, READ_FLAGS);
  } catch (err) {
    throw openError(err, fsPath);
  }
  try {
    const stats = await fdStat(fd);
    refuseIfNotRegular(fsPath, stats);
    return { fd, stats };
  } catch (err) {
    await fdClose(fd).catch(() => {});
    throw mapFsError(err, fsPath);
  }
}

/** openRegularFile with blocking calls. */
export function openRegularFileSync(fsPath: string): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(fsPath, READ_FLAGS);
  } catch (err) {
    throw openError(err, fsPath);
  }
  try {
    const stats = fstatSync(fd);
    refuseIfNotRegular(fsPath, stats);
    return { fd, stats };
  } catch (err) {
    closeSync(fd);
    throw mapFsError(err, fsPath);
  }
}

function refuseIfNotRegular(fsPath: string, stats: Stats): void {
  if (stats.isFile()) return;
  if (stats.isDirectory()) throw new IsADirectoryError(`${JSON.stringify(fsPath)}: is a directory, not a file`);
  throw new NotARegularFileError(`${JSON.stringify(fsPath)} is ${describeSpecialFile(stats)} now, not a regular file; nothing was read from it`);
}

/** ENXIO: open() of a socket (Linux); the path is there, but is no file. */
function openError(err: unknown, fsPath: string): Error {
  if ((err as NodeJS.ErrnoException).code === 'ENXIO') {
    return new NotARegularFileError(`${JSON.stringify(fsPath)} is a socket or device without a driver now, not a regular file; nothing was read from it`, { cause: err });
  }
  return mapFsError(err, fsPath);
}
