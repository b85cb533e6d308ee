// Run one command and measure it with GNU time: wall and CPU seconds, peak RSS.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HAVE_TIME = existsSync('/usr/bin/time');

/**
 * The environment both tools run in. NODE_EXTRA_CA_CERTS is left out (unless
 * BENCH_KEEP_EXTRA_CA_CERTS=1): Node 20 reads and parses that file at every
 * start, before any JavaScript runs (the machines here set it to the system's
 * whole CA bundle: `node -e 0` takes ~140 ms with it, ~55 ms without). That is
 * a tax on Node, not on rsyncish, which rclone does not pay, and no benchmark
 * here makes a TLS connection from rsyncish (everything is on 127.0.0.1).
 */
export function toolEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  if (process.env.BENCH_KEEP_EXTRA_CA_CERTS !== '1') delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** For a table's caption: what toolEnv did. */
export function envNote() {
  if (!process.env.NODE_EXTRA_CA_CERTS) return '';
  return process.env.BENCH_KEEP_EXTRA_CA_CERTS === '1' ? ' NODE_EXTRA_CA_CERTS kept (BENCH_KEEP_EXTRA_CA_CERTS=1).' : ' NODE_EXTRA_CA_CERTS unset for every run (see bench/measure.mjs).';
}

/** `argv` run under GNU time, which writes the fields of `format` to `file` (readTimeFile reads them). */
export function underTime(argv, file, format = '%e %U %S %M') {
  return ['/usr/bin/time', '-f', format, '-o', file, ...argv];
}

/** The numbers GNU time wrote: its last line (for a failed command, a status line comes first). */
export function readTimeFile(file) {
  return readFileSync(file, 'utf8').trim().split('\n').pop().split(' ').map(Number);
}

export function measure(argv, { env = toolEnv(), cwd, pin = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rsyncish-bench-'));
  const out = join(dir, 'time');
  const [time, ...args] = underTime(pin ? ['taskset', '-c', '0', ...argv] : argv, out);
  const r = spawnSync(time, args, { env, cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  const [wall, user, sys, rssKb] = readTimeFile(out);
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) {
    throw new Error(`${argv.join(' ')} exited ${r.status}: ${(r.stderr || '').split('\n').slice(-5).join('\n')}`);
  }
  return { wall, cpu: user + sys, rssMiB: rssKb / 1024, stdout: r.stdout };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Read every file under `paths` into the page cache, so that a timed run of
 * either tool starts warm. rclone's local backend drops the files it read from
 * the cache (posix_fadvise DONTNEED): without this, whichever tool ran after it
 * read everything from disk (rsyncish's 10k copy: 3.3 s instead of 2.0 s).
 */
export function warmPageCache(paths) {
  const present = paths.filter((p) => p && existsSync(p));
  if (present.length > 0) execFileSync('sh', ['-c', 'find "$@" -type f -exec cat {} + > /dev/null', 'warm', ...present]);
}
