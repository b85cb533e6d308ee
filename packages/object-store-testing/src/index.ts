// Helpers the s3 and swift plugins' tests share: the local Swift server (with
// s3api) on 127.0.0.1, content generated on the fly, and rclone runs.
import { execFile, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SCRIPT = fileURLToPath(new URL('../../../scripts/swift-server.sh', import.meta.url));
export const ENDPOINT = `http://127.0.0.1:${process.env['SWIFT_PORT'] ?? '18080'}`;
export const MiB = 1024 * 1024;

/**
 * Start (or find running) the local Swift with s3api through scripts/swift-server.sh.
 * Returns the reason when it cannot start, for the tests to skip with.
 */
export function startServer(): { authUrl?: string; skip?: string } {
  try {
    const authUrl = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    return { authUrl };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    return { skip: `the local Swift server (scripts/swift-server.sh) could not start: ${(e.stderr || e.message).trim().split('\n').pop()}` };
  }
}

/** A bucket or container name no other test uses (DNS-compliant, as s3api enforces). */
export function uniqueName(label: string): string {
  return `rsy-${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A fresh folder, removed after this test file's tests. */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rsyncish-${label}-`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * rclone 1.60 with its own config file holding `section` (lines); AWS_CA_BUNDLE
 * unset, as rclone's s3 backend fails with it.
 */
export function rcloneRunner(dir: string, section: string[]): (args: string[]) => Promise<string> {
  const config = join(dir, 'rclone.conf');
  writeFileSync(config, [...section, ''].join('\n'));
  const env: NodeJS.ProcessEnv = { ...process.env, RCLONE_CONFIG: config };
  delete env['AWS_CA_BUNDLE'];
  return async (args) => (await promisify(execFile)('rclone', args, { env, maxBuffer: 64 * MiB })).stdout;
}

export function hasRclone(): boolean {
  try {
    execFileSync('rclone', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * `size` bytes made on the fly in 1 MiB chunks (never held at once), with the
 * MD5 of what was produced once the stream ends.
 */
export function generated(size: number, seed = 1): { stream: Readable; md5: () => string } {
  const hash = createHash('md5');
  const block = Buffer.alloc(MiB);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + seed * 7) & 0xff;
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= size) return void this.push(null);
      const n = Math.min(MiB, size - produced);
      const chunk = Buffer.from(block.subarray(0, n));
      chunk.writeUInt32BE(produced / MiB, 0);
      produced += n;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, md5: () => hash.copy().digest('hex') };
}

/** Peak growth of the process RSS while `fn` runs, sampled every 10 ms. */
export async function peakRssGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growth: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const i of items) out.push(i);
  return out;
}
