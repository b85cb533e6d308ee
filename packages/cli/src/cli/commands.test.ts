import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { COMMANDS } from './commands.js';

/** oclif's id for a command file: its path under commands/, `:`-joined, an index file naming its folder. */
function idOf(relative: string): string {
  const parts = relative.replace(/\.js$/, '').split('/');
  if (parts.at(-1) === 'index') parts.pop();
  return parts.join(':');
}

test('the command table holds exactly the command modules, each under the id its path gives', async () => {
  const dir = new URL('../commands/', import.meta.url);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js') && !f.endsWith('.test.js'))
    .sort();
  assert.ok(files.length > 20, `found only ${files.length} command modules`);
  assert.deepEqual(Object.keys(COMMANDS).sort(), files.map(idOf).sort());
  for (const file of files) {
    const mod = (await import(new URL(file, dir).href)) as { default: unknown };
    assert.equal(COMMANDS[idOf(file) as keyof typeof COMMANDS], mod.default, `${file} is registered as ${idOf(file)}`);
  }
});
