import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '@rsyncish/core';
import { renderTree, type TreeOptions } from './tree-print.js';

const base: TreeOptions = {
  all: false, dirsOnly: false, dirsFirst: false, fullPath: false, level: 0, noIndent: false, noReport: false,
  size: false, modTime: false, protections: false, quote: false, sort: 'name', reverse: false,
};
const file = (path: string, size = 1): Entry => ({ path, kind: 'file', size });
const dir = (path: string): Entry => ({ path, kind: 'dir', size: -1 });
const children = new Map<string, Entry[]>([
  ['', [file('b'), dir('a'), file('.hidden'), file('B')]],
  ['a', [file('a/x', 5), dir('a/y')]],
  ['a/y', []],
]);

test('the tree is drawn sorted by bytes, dot names left out, with rclone\'s count line', () => {
  assert.equal(renderTree(children, base), '/\n├── B\n├── a\n│   ├── x\n│   └── y\n└── b\n\n2 directories, 3 files\n');
});

test('with directories only, the counts add up to nothing, as rclone\'s do', () => {
  assert.equal(renderTree(children, { ...base, dirsOnly: true }), '/\n└── a\n    └── y\n\n0 directories\n');
});

test('-s puts each size in eleven columns, a directory\'s being the total below it', () => {
  assert.equal(renderTree(children, { ...base, size: true, noReport: true }).split('\n')[2], '├── [          5]  a');
});
