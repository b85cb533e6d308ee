import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonLogLine } from './json-log.js';

test('a log line becomes one JSON object with logrus levels, as rclone --use-json-log', () => {
  const at = new Date(2026, 11, 7, 13, 3, 56, 813);
  const notice = JSON.parse(jsonLogLine('2026/12/07 13:03:56 NOTICE: f: Skipped copy as --dry-run is set (size 3)', 'notice', at));
  assert.deepEqual(Object.keys(notice), ['level', 'msg', 'time']);
  assert.equal(notice.level, 'warning');
  assert.equal(notice.msg, 'f: Skipped copy as --dry-run is set (size 3)');
  assert.match(notice.time, /^2026-12-07T13:03:56\.813000[+-]\d\d:\d\d$/);
  assert.equal(JSON.parse(jsonLogLine('2026/12/07 13:03:56 INFO  : \nTransferred: 1', 'info', at)).msg, '\nTransferred: 1');
});
