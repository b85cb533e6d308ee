import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@rsyncish/core';

/** A fresh directory under the OS temp dir, removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rsyncish-local-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A logger that keeps `LEVEL: message` lines for assertions. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => void lines.push(`${level}: ${m}`);
  return { lines, error: at('ERROR'), notice: at('NOTICE'), info: at('INFO'), debug: at('DEBUG') };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

/**
 * A separate process whose put() of `root/target` never ends, returned once
 * its `.partial` temp file holds bytes, for tests that end it mid-write.
 * `setup` is module code run first (a signal handler, say).
 */
export async function startEndlessPut(root: string, setup = ''): Promise<ChildProcess> {
  const index = fileURLToPath(new URL('../index.js', import.meta.url));
  const script = `
    import { Readable } from 'node:stream';
    ${setup}
    const { LocalBackend } = await import(${JSON.stringify(index)});
    const endless = new Readable({ read() { setTimeout(() => this.push(Buffer.alloc(64 * 1024, 120)), 1); } });
    await new LocalBackend({ root: ${JSON.stringify(root)} }).put('target', endless, { size: -1 });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  try {
    for (;;) {
      const partial = readdirSync(root).find((n) => n.endsWith('.partial'));
      if (partial && statSync(join(root, partial)).size > 0) return child;
      if (Date.now() >= deadline) throw new Error('the writer never started');
      await new Promise((r) => setTimeout(r, 10));
    }
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}
