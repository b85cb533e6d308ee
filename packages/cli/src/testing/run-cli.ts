import { spawn } from 'node:child_process';
import { promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/cli/bin/run.cjs, from dist/testing/. */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'run.cjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Run as this uid/gid (needs root). */
  uid?: number;
  gid?: number;
  cwd?: string;
}

/** Run the built CLI as a real process, as a user would. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: process.env.TZ, ...options.env },
      uid: options.uid,
      gid: options.gid,
      cwd: options.cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const sandboxes: string[] = [];
// Each test file is a process of its own: its sandboxes go when it exits.
process.on('exit', () => {
  for (const dir of sandboxes) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder a test made unreadable stays; nothing to do about it here.
    }
  }
});

/** A fresh temp directory (mode 0777 so a test may use it as another user) and a config path inside it; removed when the test process exits. */
export async function sandbox(): Promise<{ dir: string; config: string; env: NodeJS.ProcessEnv }> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'rsyncish-cli-'));
  sandboxes.push(dir);
  await fs.chmod(dir, 0o777);
  const config = join(dir, 'rsyncish.conf');
  return { dir, config, env: { RSYNCISH_CONFIG: config } };
}

/** Write files (path -> content) under root, creating directories. */
export async function makeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await fs.mkdir(dirname(join(root, path)), { recursive: true });
    await fs.writeFile(join(root, path), content);
  }
}

/** Log lines without rclone's `2006/01/02 15:04:05 ` timestamp prefix. */
export function logLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '').map((l) => l.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, ''));
}
