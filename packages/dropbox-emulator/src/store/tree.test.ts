import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { App } from '../context.js';
import { listPage, startListing } from '../listing.js';
import { Tree, newEntryId } from './tree.js';

function file(tree: Tree, display: string): void {
  tree.ensureParents(display.slice(1).split('/'));
  const now = 1_700_000_000_000;
  tree.insert({
    id: newEntryId(), kind: 'file', name: display.slice(display.lastIndexOf('/') + 1), display, seq: 0,
    file: { size: 1, contentHash: 'a'.repeat(64), rev: tree.newRev(), clientModified: now, serverModified: now },
  });
}

test('lookups ignore case; entries keep the case they were made with', () => {
  const tree = new Tree();
  file(tree, '/Docs/Read Me.TXT');
  assert.equal(tree.get('/docs/read me.txt')?.display, '/Docs/Read Me.TXT');
  assert.equal(tree.get('/docs')?.kind, 'folder');
});

test('a folder move carries everything under it and keeps ids', () => {
  const tree = new Tree();
  file(tree, '/A/x/1.txt');
  const id = tree.get('/a/x/1.txt')!.id;
  tree.ensureParents(['B', 'placeholder']);
  tree.move(tree.get('/a')!, '/B/A2');
  assert.equal(tree.get('/a/x/1.txt'), undefined);
  assert.equal(tree.get('/b/a2/x/1.txt')?.id, id);
  assert.equal(tree.get('/b/a2/x/1.txt')?.display, '/B/A2/x/1.txt');
});

test('a snapshot and its journal records rebuild the same tree', () => {
  const tree = new Tree();
  file(tree, '/a/1.txt');
  const snap = tree.snapshot();
  file(tree, '/a/2.txt');
  tree.remove(tree.get('/a/1.txt')!);
  const change = tree.takeChange()!;
  const copy = new Tree();
  copy.load(snap, [change]);
  assert.equal(copy.get('/a/1.txt'), undefined);
  assert.equal(copy.get('/a/2.txt')?.id, tree.get('/a/2.txt')?.id);
  assert.equal(copy.currentSeq(), tree.currentSeq());
});

test('listing pages by limit, then continue reports changes and deletions in order', () => {
  const tree = new Tree();
  for (const n of ['c', 'a', 'b']) file(tree, `/d/${n}.txt`);
  const app = { tree } as App;
  const first = startListing(app, '/d', false, false, 2, false);
  const names = (r: Record<string, unknown>): string[] => (r['entries'] as Array<{ name: string }>).map((e) => e.name);
  assert.deepEqual(names(first), ['a.txt', 'b.txt']);
  assert.equal(first['has_more'], true);
  const second = listPage(app, decode(first['cursor']));
  assert.deepEqual(names(second), ['c.txt']);
  assert.equal(second['has_more'], false);
  tree.remove(tree.get('/d/a.txt')!);
  file(tree, '/d/e.txt');
  const changes = listPage(app, decode(second['cursor']));
  assert.deepEqual((changes['entries'] as Array<{ '.tag': string; name: string }>).map((e) => `${e['.tag']} ${e.name}`), ['deleted a.txt', 'file e.txt']);
});

function decode(cursor: unknown): Parameters<typeof listPage>[1] {
  return JSON.parse(Buffer.from(String(cursor).slice(3), 'base64url').toString('utf8'));
}
