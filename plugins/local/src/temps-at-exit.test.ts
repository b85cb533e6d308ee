import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEndlessPut, tempDir } from './testing/support.js';

test('a process that exits while a put is writing (a second Ctrl-C) removes the .partial file', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'target'), 'previous');
  // As the CLI does on a second signal: exit at once, without waiting for the put.
  const child = await startEndlessPut(root, "process.on('SIGINT', () => process.exit(130));");
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  child.kill('SIGINT');
  assert.equal(await exited, 130);
  assert.deepEqual(readdirSync(root), ['target']);
  assert.equal(readFileSync(join(root, 'target'), 'utf8'), 'previous');
});
