import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../errors/index.js';
import { parseRfc3339, parseToken, serializeToken } from './token.js';

test("rclone's token blob is read as is, unknown keys ignored", () => {
  const t = parseToken('{"access_token":"Atza|a","token_type":"bearer","refresh_token":"Atzr|r","expiry":"2015-09-06T16:07:39.658438471+01:00","expires_in":3600}');
  assert.equal(t.accessToken, 'Atza|a');
  assert.equal(t.refreshToken, 'Atzr|r');
  assert.equal(t.tokenType, 'bearer');
  assert.equal(t.expiry, Date.UTC(2015, 8, 6, 15, 7, 39, 658));
});

test('the legacy {AccessToken,RefreshToken,Expiry} shape is read too', () => {
  const t = parseToken('{"AccessToken":"a","RefreshToken":"r","Expiry":"2020-01-02T03:04:05Z"}');
  assert.deepEqual(t, { accessToken: 'a', refreshToken: 'r', tokenType: 'bearer', expiry: Date.UTC(2020, 0, 2, 3, 4, 5) });
});

test("Go's zero time means the token never expires", () => {
  assert.equal(parseToken('{"access_token":"a","refresh_token":"r","expiry":"0001-01-01T00:00:00Z"}').expiry, undefined);
  assert.equal(parseRfc3339('garbage'), undefined);
});

test('a token is written in rclone shape with an RFC 3339 nanosecond expiry, and reads back', () => {
  const token = { accessToken: 'a', tokenType: 'bearer', refreshToken: 'r', expiry: Date.UTC(2030, 4, 6, 7, 8, 9, 123) };
  const text = serializeToken(token);
  assert.deepEqual(Object.keys(JSON.parse(text)), ['access_token', 'token_type', 'refresh_token', 'expiry']);
  assert.equal(JSON.parse(text).expiry, '2030-05-06T07:08:09.123000000Z');
  assert.deepEqual(parseToken(text), token);
});

test('a token that is not JSON is a config error with the reconnect hint', () => {
  assert.throws(() => parseToken('{oops', 'acd'), (e: unknown) =>
    e instanceof ConfigError && e.hint === 'run "rsyncish config reconnect acd:"');
});
