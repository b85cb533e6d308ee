import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Setting a modtime to the nanosecond. Node's utimes takes a double of
 * seconds and libuv cuts it to microseconds, so a file copied with it differs
 * from its source by up to 999 ns, and rclone (1 ns locally) then "updates"
 * every such file. Linux's utimensat takes whole nanoseconds; Node cannot call
 * it, perl's syscall() can. One perl process per run serves every request over
 * a pipe, so the cost is a line written and read, not a process per file.
 */

// utimensat's number: the generic table (arm64) differs from x86-64's.
const UTIMENSAT: Partial<Record<string, number>> = { x64: 280, arm64: 88 };

// Records are `seconds \t nanoseconds \t path \0`; the reply is errno, 0 on success.
// AT_FDCWD is -100; struct timespec[2] is atime then mtime, two 64-bit words each.
const PERL = [
  '$|=1; $/="\\0"; my $nr=shift;',
  'while (my $r=<STDIN>) { chop $r; my ($s,$ns,$p)=split /\\t/, $r, 3;',
  'my $ts=pack("q4",$s,$ns,$s,$ns); $!=0; my $ok=syscall($nr,-100,$p,$ts,0);',
  'print(($ok==0 ? 0 : ($!+0) || 1), "\\n"); }',
].join(' ');

function findPerl(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'perl'))) return join(dir, 'perl');
  }
  return undefined;
}

let available: boolean | undefined;

/** Whether this platform can set nanoseconds (Linux with a known syscall number and perl). */
export function canSetNanoseconds(): boolean {
  available ??= process.platform === 'linux' && UTIMENSAT[process.arch] !== undefined && findPerl() !== undefined;
  return available;
}

type Waiter = { resolve(): void; reject(err: Error): void; path: string };

let helper: { child: ChildProcessWithoutNullStreams; waiting: Waiter[] } | undefined;

function startHelper(): NonNullable<typeof helper> {
  const child = spawn(findPerl()!, ['-e', PERL, String(UTIMENSAT[process.arch])], { stdio: ['pipe', 'pipe', 'pipe'] });
  const h = { child, waiting: [] as Waiter[] };
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    pending += text;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const errno = Number(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      const w = h.waiting.shift();
      if (!w) continue;
      if (errno === 0) w.resolve();
      else w.reject(Object.assign(new Error(`utimensat ${JSON.stringify(w.path)}: errno ${errno}`), { errno }));
    }
    if (h.waiting.length === 0) idle(h.child);
  });
  const fail = (err: Error) => {
    if (helper === h) helper = undefined;
    for (const w of h.waiting.splice(0)) w.reject(err);
  };
  child.on('error', fail);
  child.on('exit', () => fail(new Error('the modtime helper (perl) exited')));
  child.stdin.on('error', () => {});
  child.stderr.resume();
  return h;
}

// An idle helper must not keep the run alive: it exits on its own when our stdin closes.
function idle(child: ChildProcessWithoutNullStreams): void {
  child.unref();
  (child.stdout as unknown as { unref?(): void }).unref?.();
  (child.stdin as unknown as { unref?(): void }).unref?.();
  (child.stderr as unknown as { unref?(): void }).unref?.();
}

function busy(child: ChildProcessWithoutNullStreams): void {
  child.ref();
  (child.stdout as unknown as { ref?(): void }).ref?.();
}

/**
 * Set atime and mtime of `fsPath` to `seconds` + `nanos` exactly. Rejects when
 * the platform cannot (canSetNanoseconds() says so first) or the call fails.
 */
export function setTimesExactly(fsPath: string, seconds: number, nanos: number): Promise<void> {
  if (!canSetNanoseconds()) return Promise.reject(new Error('nanosecond modtimes cannot be set on this platform'));
  helper ??= startHelper();
  const h = helper;
  busy(h.child);
  return new Promise<void>((resolve, reject) => {
    h.waiting.push({ resolve, reject, path: fsPath });
    h.child.stdin.write(Buffer.concat([Buffer.from(`${seconds}\t${nanos}\t`), Buffer.from(fsPath), Buffer.from([0])]));
  });
}
