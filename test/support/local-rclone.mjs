// Debian's rclone run on local paths, for tests that compare rsyncish with it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, tempDir } from '../helpers.mjs';

function haveRclone() {
  try {
    return /^rclone v/m.test(execFileSync('rclone', ['version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

/** Why rclone cannot be compared with here, or undefined when it can (a test's `skip`). */
export const noLocalRclone = haveRclone() ? undefined : 'rclone is not installed';

const emptyConfig = join(tempDir('rsyncish-rclone-conf-'), 'rclone.conf');
writeFileSync(emptyConfig, '');

/** Run `rclone ...args` with an empty config; resolves {code, stdout, stderr}. */
export function rclone(args, { env = {}, cwd } = {}) {
  return runProgram('rclone', ['--config', emptyConfig, ...args], { env: { ...process.env, ...env }, cwd });
}

/**
 * The log lines both tools write alike: level and message, without the
 * timestamp, rclone's "Local file system at " before a local root, and the
 * final summary line (rclone prints it bare, rsyncish as an ERROR with a hint).
 */
export function logLinesOf(stderr) {
  return stderr.split('\n')
    .map((l) => l.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, '').replace(/Local file system at /g, ''))
    .filter((l) => /^(ERROR|NOTICE|INFO|DEBUG) *: /.test(l) && !/^ERROR : (failed to|can't limit)/.test(l));
}
