// A refreshed OAuth token is saved as its own key under the config file's lock,
// so it never drops what another run wrote meanwhile; a token far from expiry
// is not refreshed, and the file is not touched.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, tempDir } from '../helpers.mjs';
import { startAcdRemote } from '../support/acd-remote.mjs';

const tokenOf = (config) => JSON.parse(/^token = (.*)$/m.exec(readFileSync(config, 'utf8'))[1]);
const isTokenGrant = (r) => r.method === 'POST' && r.url.startsWith('/auth/o2/token');
const isApiCall = (r) => r.url.startsWith('/drive/v1/');

function sourceTree(files = 12) {
  const src = join(tempDir(), 'src');
  makeTree(src, Object.fromEntries(Array.from({ length: files }, (_, i) => [`d${i % 3}/f${i}.bin`, { size: 3000 + i, seed: i + 1 }])));
  return src;
}

test('a token far from expiry is not refreshed: the config file is unchanged byte for byte', async () => {
  const { emu, config } = await startAcdRemote();
  try {
    const before = readFileSync(config);
    for (const args of [['lsd', 'acd:'], ['copy', sourceTree(4), 'acd:far'], ['ls', 'acd:far']]) {
      const r = await rsyncish(args, { config });
      assert.equal(r.code, 0, `${args[0]}: ${r.stderr}`);
    }
    assert.deepEqual(readFileSync(config), before);
    assert.equal(emu.control.requests().filter(isTokenGrant).length, 0);
  } finally {
    await emu.stop();
  }
});

test('a copy whose token is refreshed while other runs create remotes: all remotes and the new token survive', async () => {
  // The configured token expires within the 10 s margin, so the copy refreshes it first;
  // the emulator then issues 8 s tokens, which a fixed 10 s margin would refresh on every call.
  const { emu, config } = await startAcdRemote({}, { emulator: { tokenTtl: '8s' }, tokenTtl: '5s' });
  try {
    const old = tokenOf(config);
    const optionsBefore = readFileSync(config, 'utf8').split('\n').filter((l) => !l.startsWith('token = '));
    const names = Array.from({ length: 8 }, (_, i) => `made${i}`);
    const [copy, ...creates] = await Promise.all([
      rsyncish(['copy', sourceTree(), 'acd:dst'], { config }),
      ...names.map((n) => rsyncish(['config', 'create', n, 'local'], { config })),
    ]);
    assert.equal(copy.code, 0, copy.stderr);
    creates.forEach((r, i) => assert.equal(r.code, 0, `${names[i]}: ${r.stderr}`));

    const listed = (await rsyncish(['listremotes'], { config })).stdout.split('\n').filter(Boolean);
    assert.deepEqual(listed.sort(), ['acd:', ...names.map((n) => `${n}:`)].sort());
    const text = readFileSync(config, 'utf8');
    for (const line of optionsBefore) assert.ok(text.includes(line), `acd keeps ${JSON.stringify(line.split(' =')[0])}`);

    const grants = emu.control.requests().filter(isTokenGrant).length;
    const calls = emu.control.requests().filter(isApiCall).length;
    assert.ok(grants >= 1, 'the near-expiry token was refreshed');
    assert.ok(grants < calls, `a fresh 8 s token is reused (${grants} refreshes for ${calls} API calls)`);
    const saved = tokenOf(config);
    assert.notEqual(saved.access_token, old.access_token, 'the refreshed token is saved');
    assert.equal(saved.refresh_token, old.refresh_token);
    assert.ok(Date.parse(saved.expiry) > Date.parse(old.expiry));
    assert.ok(!copy.stderr.includes(saved.access_token) && !copy.stderr.includes(old.refresh_token), 'no secret printed');
  } finally {
    await emu.stop();
  }
});
