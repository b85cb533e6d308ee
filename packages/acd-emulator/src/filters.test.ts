import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from './errors.js';
import { compileFilter, mentionsField, parseFilter, requiredParent } from './filters.js';
import type { StoredNode } from './store/node.js';

function node(fields: Partial<StoredNode>): StoredNode {
  return {
    id: 'id', kind: 'FILE', parents: ['P'], status: 'AVAILABLE', createdDate: 0, modifiedDate: 0, version: 1,
    createdBy: 'x', labels: [], seq: 1, changeSeq: 1, ...fields,
  };
}

const matches = (filter: string, n: StoredNode): boolean => compileFilter(parseFilter(filter)!)(n);

test('rclone root query: kind:FOLDER AND isRoot:true', () => {
  assert.equal(matches('kind:FOLDER AND isRoot:true', node({ kind: 'FOLDER', isRoot: true })), true);
  assert.equal(matches('kind:FOLDER AND isRoot:true', node({ kind: 'FOLDER' })), false);
});

test('backslash escapes are honoured inside and outside quotes (go-acd EscapeForFilter)', () => {
  const n = node({ name: `a+b (c)'q".txt` });
  assert.equal(matches(String.raw`parents:"P" AND name:"a\+b\ \(c\)\'q\".txt"`, n), true);
  assert.equal(matches(String.raw`parents:P AND name:a\+b\ \(c\)\'q\".txt`, n), true);
  assert.equal(matches(String.raw`name:"a\+b"`, n), false);
  const special = node({ name: String.raw`x-&|!{}[]^~*?:\y` });
  assert.equal(matches(String.raw`name:x\-\&\|\!\{\}\[\]\^\~\*\?\:\\y`, special), true);
});

test('name matching ignores case; parents and ids do not', () => {
  assert.equal(matches('name:HELLO.doc', node({ name: 'hello.DOC' })), true);
  assert.equal(matches('parents:p', node({})), false);
});

test('unescaped * and ? are wildcards; escaped ones are literal', () => {
  assert.equal(matches('name:rep*', node({ name: 'report.pdf' })), true);
  assert.equal(matches(String.raw`name:rep\*`, node({ name: 'report.pdf' })), false);
  assert.equal(matches(String.raw`name:rep\*`, node({ name: 'rep*' })), true);
  assert.equal(matches('name:a?c', node({ name: 'abc' })), true);
});

test('status and OR / parentheses', () => {
  assert.equal(matches('status:TRASH AND kind:FILE', node({ status: 'TRASH' })), true);
  assert.equal(matches('(kind:FILE OR kind:FOLDER) AND status:AVAILABLE', node({ kind: 'FOLDER' })), true);
  assert.equal(mentionsField(parseFilter('kind:FILE AND status:TRASH'), 'status'), true);
  assert.equal(mentionsField(parseFilter('kind:FILE'), 'status'), false);
  assert.equal(requiredParent(parseFilter('parents:"X1" AND name:"a"')), 'X1');
});

test('malformed filters are 400s', () => {
  for (const bad of ['kind', 'bogus:1', 'name:"open', 'kind:FILE AND', 'kind:FILE kind:FOLDER', 'kind:(FILE OR FOLDER)', 'name:x\\']) {
    assert.throws(() => parseFilter(bad), (e: unknown) => e instanceof ApiError && e.status === 400, bad);
  }
});
