import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matches, parentScope, parseQuery, QueryError } from './query.js';
import type { QueryFile } from './query.js';

const FOLDER = 'application/vnd.google-apps.folder';
const file = (over: Partial<QueryFile> = {}): QueryFile => ({
  name: 'report.txt', mimeType: 'text/plain', parents: ['P1'], trashed: false, starred: false,
  modifiedTime: Date.parse('2024-05-06T07:08:09.500Z'), createdTime: Date.parse('2024-01-01T00:00:00Z'), fullText: 'report.txt',
  ...over,
});
const q = (text: string, f: QueryFile = file(), resolve?: (id: string) => string): boolean => matches(parseQuery(text), f, resolve);

test("rclone's listing query: trashed, parents, names and mimeType joined by and/or", () => {
  const rcloneQuery = "trashed=false and ('P1' in parents or 'P2' in parents) and (name='report.txt' or name='report') and mimeType!='application/vnd.google-apps.folder'";
  assert.equal(q(rcloneQuery), true);
  assert.equal(q(rcloneQuery, file({ trashed: true })), false);
  assert.equal(q(rcloneQuery, file({ parents: ['P3'] })), false);
  assert.equal(q(rcloneQuery, file({ mimeType: FOLDER })), false);
  assert.equal(q(rcloneQuery, file({ name: 'report' })), true);
});

test('and binds tighter than or; not negates; parentheses group', () => {
  assert.equal(q("name = 'x' or name = 'report.txt' and trashed = true"), false);
  assert.equal(q("(name = 'x' or name = 'report.txt') and trashed = false"), true);
  assert.equal(q("not name = 'report.txt'"), false);
  assert.equal(q("not (trashed = true)"), true);
  assert.equal(q("NAME = 'x' OR trashed = false".replace('NAME', 'name')), true, 'keywords in any case');
});

test("strings escape ' and \\ with a backslash", () => {
  assert.equal(q("name = 'it\\'s'", file({ name: "it's" })), true);
  assert.equal(q("name = 'a\\\\b'", file({ name: 'a\\b' })), true);
  assert.equal(q("name = 'a\\\\b'", file({ name: 'ab' })), false);
});

test('name = and contains ignore case, as on Drive; mimeType does not', () => {
  assert.equal(q("name contains 'PORT'"), true);
  assert.equal(q("name = 'Report.TXT'"), true);
  assert.equal(q("name != 'REPORT.txt'"), false);
  assert.equal(q("mimeType = 'TEXT/plain'"), false);
  assert.equal(q("fullText contains 'report'"), true);
});

test("'root' in parents resolves through the alias", () => {
  assert.equal(q("'root' in parents", file({ parents: ['R0'] }), (id) => (id === 'root' ? 'R0' : id)), true);
  assert.equal(q("'me' in owners"), true);
});

test('times compare at the second, UTC when no zone is given', () => {
  assert.equal(q("modifiedTime >= '2024-05-06T07:08:09'"), true);
  assert.equal(q("modifiedTime > '2024-05-06T07:08:09'"), false);
  assert.equal(q("modifiedTime <= '2024-05-06T07:08:09Z'"), true);
  assert.equal(q("createdTime < '2024-01-01T00:00:01+00:00'"), true);
  assert.equal(q("(modifiedTime > '2025-01-01T00:00:00' or mimeType = 'application/vnd.google-apps.folder')", file({ mimeType: FOLDER })), true);
});

test('malformed queries are QueryErrors', () => {
  for (const bad of [
    '', "name = 'open", "name == 'x'", "name = x", "size > '3'", "'P1' in children", "trashed = 'yes'",
    "name = 'a' and", "(name = 'a'", "name = 'a')", "modifiedTime > 'yesterday'", "trashed contains true", 'name ~ 1',
  ]) {
    assert.throws(() => parseQuery(bad), QueryError, bad);
  }
});

test('parentScope finds the folders a query is bound to', () => {
  assert.deepEqual(parentScope(parseQuery("trashed=false and ('A' in parents or 'B' in parents) and name='x'")), ['A', 'B']);
  assert.deepEqual(parentScope(parseQuery("name='x' and 'A' in parents")), ['A']);
  assert.equal(parentScope(parseQuery("'A' in parents or name='x'")), undefined);
  assert.equal(parentScope(parseQuery("not 'A' in parents")), undefined);
  assert.equal(parentScope(parseQuery("'me' in owners")), undefined);
});
