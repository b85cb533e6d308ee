import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from './test-support.js';

test('a process that exits while a put is writing (a second Ctrl-C) removes the .partial file', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'target'), 'previous');
  const index = fileURLToPath(new URL('./index.js', import.meta.url));
  // As the CLI does on a second signal: exit at once, without waiting for the put.
  const script = `
    import { Readable } from 'node:stream';
    process.on('SIGINT', () => process.exit(130));
    const { LocalBackend } = await import(${JSON.stringify(index)});
    const endless = new Readable({ read() { setTimeout(() => this.push(Buffer.alloc(64 * 1024, 120)), 1); } });
    await new LocalBackend({ root: ${JSON.stringify(root)} }).put('target', endless, { size: -1 });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const partial = readdirSync(root).find((n) => n.endsWith('.partial'));
    if (partial && statSync(join(root, partial)).size > 0) break;
    assert.ok(Date.now() < deadline, 'the writer never started');
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  assert.deepEqual(readdirSync(root), ['target']);
  assert.equal(readFileSync(join(root, 'target'), 'utf8'), 'previous');
});
