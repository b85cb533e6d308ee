import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveOptions } from '../config/option-values.js';
import { ConfigError, MissingOptionError, OptionChoiceError, RsyncishError } from '../errors/index.js';
import { defineOptions } from './define-options.js';

/** True only when A and B are the same type (not merely assignable). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;

const webdav = defineOptions({
  url: { type: 'string', help: 'URL of the server.', required: true },
  user: { type: 'string', help: 'User name.' },
  pass: { type: 'string', help: 'Password.', password: true },
  chunk_size: { type: 'size', help: 'Upload chunk size.', default: '10M', advanced: true },
  pacer_min_sleep: { type: 'duration', help: 'Minimum time between calls.', default: '10ms', advanced: true },
  retries: { type: 'int', help: 'Retries.' },
  no_check: { type: 'bool', help: 'Skip the check.', default: 'true' },
  vendor: {
    type: 'string',
    help: 'The server software.',
    examples: [{ value: 'nextcloud', help: 'Nextcloud' }, { value: 'other', help: 'Anything else' }],
  },
  etag_hash: {
    type: 'string',
    help: 'Which hash the ETag carries.',
    exclusive: true,
    examples: [{ value: 'md5', help: 'MD5' }, { value: 'sha1', help: 'SHA-1' }],
  },
  case_mode: {
    type: 'string',
    help: 'How names are compared.',
    exclusive: true,
    default: 'exact',
    examples: [{ value: 'exact', help: 'As given' }, { value: 'fold', help: 'Case folded' }],
  },
});

test('the reader type comes from the declaration: sizes and durations are numbers, exclusive choices a union', () => {
  const v = webdav.read({ url: 'http://127.0.0.1:1/' });
  const types: [
    Same<typeof v.url, string>,
    Same<typeof v.chunk_size, number>,
    Same<typeof v.pacer_min_sleep, number>,
    Same<typeof v.retries, number>,
    Same<typeof v.no_check, boolean>,
    Same<typeof v.vendor, string>,
    Same<typeof v.etag_hash, 'md5' | 'sha1' | ''>,
    Same<typeof v.case_mode, 'exact' | 'fold'>,
  ] = [true, true, true, true, true, true, true, true];
  assert.ok(types.every(Boolean));
  // @ts-expect-error an undeclared option is not on the reader's result
  assert.equal(v.nosuch, undefined);
});

test('the specs carry the declaration, named by their keys, in order', () => {
  assert.deepEqual(webdav.specs.map((s) => s.name), ['url', 'user', 'pass', 'chunk_size', 'pacer_min_sleep', 'retries', 'no_check', 'vendor', 'etag_hash', 'case_mode']);
  assert.deepEqual(webdav.specs[0], { name: 'url', type: 'string', help: 'URL of the server.', required: true });
  assert.deepEqual(webdav.specs[3], { name: 'chunk_size', type: 'size', help: 'Upload chunk size.', default: '10M', advanced: true });
  assert.equal(webdav.specs[2]!.password, true);
  assert.equal(webdav.specs[8]!.exclusive, true);
  assert.deepEqual(webdav.specs[8]!.examples, [{ value: 'md5', help: 'MD5' }, { value: 'sha1', help: 'SHA-1' }]);
});

test('values not given are the defaults, else rclone\'s zero values', () => {
  assert.deepEqual(webdav.read({ url: 'http://h/' }), {
    url: 'http://h/', user: '', pass: '', chunk_size: 10 * 2 ** 20, pacer_min_sleep: 10, retries: 0,
    no_check: true, vendor: '', etag_hash: '', case_mode: 'exact',
  });
});

test('values parsed by core pass through; plain strings are parsed as in a config file', () => {
  const parsed = webdav.read({ url: 'u', chunk_size: 5, no_check: false, retries: 3, etag_hash: 'sha1' });
  assert.equal(parsed.chunk_size, 5);
  assert.equal(parsed.no_check, false);
  assert.equal(parsed.retries, 3);
  assert.equal(parsed.etag_hash, 'sha1');
  // rclone's SizeSuffix: a bare number is KiB.
  const raw = webdav.read({ url: 'u', chunk_size: '64', pacer_min_sleep: '1m30s', retries: '7', no_check: 'F', vendor: 'anything' });
  assert.equal(raw.chunk_size, 64 * 1024);
  assert.equal(raw.pacer_min_sleep, 90_000);
  assert.equal(raw.retries, 7);
  assert.equal(raw.no_check, false);
  assert.equal(raw.vendor, 'anything', 'examples of an option that is not exclusive are suggestions');
});

test('the reader and core agree: what resolveOptions parsed reads back the same', () => {
  const resolved = resolveOptions('webdav', webdav.specs, { env: {}, section: { url: 'http://h/', chunk_size: '1G', etag_hash: 'md5' } }, 'remote "w"');
  const v = webdav.read(resolved);
  assert.equal(v.chunk_size, 2 ** 30);
  assert.equal(v.pacer_min_sleep, 10);
  assert.equal(v.etag_hash, 'md5');
});

test('booleans parse as rclone parses them: 1/0, t/f, true/false in any case; yes and on are refused', () => {
  for (const t of ['true', 'TRUE', 'True', 't', 'T', '1']) assert.equal(webdav.read({ url: 'u', no_check: t }).no_check, true, t);
  for (const f of ['false', 'FALSE', 'f', '0']) assert.equal(webdav.read({ url: 'u', no_check: f }).no_check, false, f);
  for (const bad of ['yes', 'on', 'y', '2']) {
    assert.throws(() => webdav.read({ url: 'u', no_check: bad }, 'remote "w"'), (e: unknown) =>
      e instanceof ConfigError && e.message === `invalid option no_check (remote "w"): "${bad}" is not true or false` && e.exitCode === 1);
  }
});

test('parse errors name the option and where it came from', () => {
  assert.throws(() => webdav.read({ url: 'u', chunk_size: 'huge' }, 'remote "w"'), (e: unknown) => e instanceof RsyncishError && e.exitCode === 1 && /chunk_size \(remote "w"\)/.test(e.message));
  assert.throws(() => webdav.read({ url: 'u', pacer_min_sleep: 'soon' }, 'remote "w"'), /pacer_min_sleep \(remote "w"\)/);
  assert.throws(() => webdav.read({ url: 'u', retries: '1.5' }, 'remote "w"'), /retries.*is not a whole number/);
  assert.throws(() => webdav.read({ url: 'u', retries: true }, 'remote "w"'), /retries \(remote "w"\): expected a number \(int\), got a boolean/);
});

test('an exclusive option refuses a value outside its examples, naming them', () => {
  assert.throws(() => webdav.read({ url: 'u', etag_hash: 'blake3' }, 'remote "w"'), (e: unknown) => {
    assert.ok(e instanceof OptionChoiceError);
    assert.equal(e.code, 'ERR_OPTION_CHOICE');
    assert.equal(e.exitCode, 1);
    assert.equal(e.message, 'invalid option etag_hash (remote "w"): "blake3" is not one of md5, sha1');
    assert.match(e.hint ?? '', /one of: md5, sha1/);
    return true;
  });
  assert.throws(() => resolveOptions('webdav', webdav.specs, { env: {}, section: { url: 'u', case_mode: 'Fold' } }, 'remote "w"'), OptionChoiceError);
});

test('a required option without a value is refused, by the reader and when core resolves the options', () => {
  assert.throws(() => webdav.read({}), (e: unknown) => e instanceof MissingOptionError && e.code === 'ERR_OPTION_REQUIRED' && /^option url \(backend options\) is required/.test(e.message));
  assert.throws(() => resolveOptions('webdav', webdav.specs, { env: {}, section: { url: '' } }, 'remote "w"'), (e: unknown) =>
    e instanceof MissingOptionError && /option url \(remote "w"\) is required/.test(e.message) && /--webdav-url or RSYNCISH_WEBDAV_URL/.test(e.hint ?? ''));
  assert.equal(resolveOptions('webdav', webdav.specs, { env: { RSYNCISH_WEBDAV_URL: 'http://e/' } }, 'webdav').url, 'http://e/');
});

test('a declaration with a bad default or an exclusive option without examples fails when defined', () => {
  assert.throws(() => defineOptions({ n: { type: 'size', help: '', default: 'big' } }), /option n \(its default\)/);
  assert.throws(() => defineOptions({ c: { type: 'string', help: '', exclusive: true } }), /exclusive but lists no examples/);
  assert.throws(() => defineOptions({ c: { type: 'string', help: '', exclusive: true, default: 'z', examples: [{ value: 'a', help: '' }] } }), OptionChoiceError);
});
