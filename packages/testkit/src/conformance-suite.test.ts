import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';

interface Outcome {
  passed: string[];
  /** Failed checks by id (the part of the test name before `:`), with their messages. */
  failed: Record<string, string>;
}

const exec = promisify(execFile);

/** Runs one fixture file, which calls runConformanceSuite on a backend, and collects the results. */
async function runFixture(name: string): Promise<Outcome> {
  const runner = fileURLToPath(new URL('./fixtures/run-fixture.js', import.meta.url));
  const fixture = fileURLToPath(new URL(`./fixtures/${name}.js`, import.meta.url));
  const env = { ...process.env };
  // Set by `node --test` for its children; with it, run() in the runner would refuse to start.
  delete env.NODE_TEST_CONTEXT;
  // --expose-gc: the memory check collects garbage before each sample, and skips without gc().
  const { stdout } = await exec(process.execPath, ['--expose-gc', runner, fixture], { env, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Outcome;
}

describe('the conformance suite', () => {
  const outcomes = new Map<string, Outcome>();
  before(async () => {
    const names = ['good', 'wrong-md5', 'no-hash-on-put', 'ignores-stated-hash', 'drops-odd-names', 'keeps-partial-upload', 'buffers-whole-file', 'merges-normalization-twins', 'replaces-directory-on-put', 'hides-partial-upload', 'copies-despite-cant', 'omits-recursive-folders', 'narrower-remote', 'claims-more-than-type'];
    const results = await Promise.all(names.map(runFixture));
    names.forEach((n, i) => outcomes.set(n, results[i]));
  });

  test('passes a backend that keeps every promise', () => {
    const good = outcomes.get('good')!;
    assert.deepEqual(good.failed, {});
    assert.ok(good.passed.length >= 50, `only ${good.passed.length} checks passed`);
    assert.ok(good.passed.some((n) => n.startsWith('large-file:')));
    for (const id of ['over-directory/put', 'over-directory/move-from', 'copy-from', 'copy-from/cant', 'move-from/cant']) {
      assert.ok(good.passed.some((n) => n.startsWith(`${id}:`)), `${id} did not run`);
    }
  });

  test('fails a backend that declares md5 but reports a wrong one, naming the promise', () => {
    const { failed } = outcomes.get('wrong-md5')!;
    assert.deepEqual(Object.keys(failed), ['hashes']);
    assert.match(
      failed['hashes'],
      /^conformance: declares md5 but put\("c\d+-hashes\/h-text"\) returned [0-9a-f]{12}… for content whose md5 is 9e107d9d372b…$/,
    );
  });

  test('fails a backend that declares hashesOnPut but returns no hash from put()', () => {
    const { failed } = outcomes.get('no-hash-on-put')!;
    assert.deepEqual(Object.keys(failed), ['hashes']);
    assert.match(failed['hashes'], /^conformance: declares md5 in hashesOnPut but put\("c\d+-hashes\/h-text"\) asked for it returned none$/);
  });

  test('fails a backend that declares hashesOnPut but stores bytes whose hash is not the stated one', () => {
    const { failed } = outcomes.get('ignores-stated-hash')!;
    assert.deepEqual(Object.keys(failed), ['stated-hash']);
    assert.match(failed['stated-hash'], /^conformance: declares md5 in hashesOnPut but put\("c\d+-stated-hash\/md5.bin"\) stored bytes whose md5 is not the stated one$/);
  });

  test('fails a backend that silently drops odd names, one failure per lost name', () => {
    const { failed } = outcomes.get('drops-odd-names')!;
    assert.deepEqual(Object.keys(failed).sort(), ['odd-names/hash', 'odd-names/trailing-space']);
    assert.equal(failed['odd-names/hash'], 'conformance: file with odd name "a #b" was lost: not listed after put');
    assert.equal(failed['odd-names/trailing-space'], 'conformance: file with odd name "trailing " was lost: not listed after put');
  });

  test('fails a backend whose listRecursive leaves out the folders a walk of list finds', () => {
    const { failed } = outcomes.get('omits-recursive-folders')!;
    assert.deepEqual(Object.keys(failed), ['list-recursive']);
    assert.match(failed['list-recursive']!, /^conformance: listRecursive\("c\d+-list-recursive"\) differs from a walk of list\(\): missing \["c\d+-list-recursive\/a","dir"/);
  });

  test('fails a backend that stores NFC and NFD twins as one name without declaring it', () => {
    const { failed } = outcomes.get('merges-normalization-twins')!;
    assert.deepEqual(Object.keys(failed), ['unicode-normalization']);
    assert.match(failed['unicode-normalization']!, /"cafe\u0301" was lost: not listed after put; list shows "caf\u00e9" instead/);
  });

  test('fails a backend that keeps a partial file after a failed or aborted upload', () => {
    const { failed } = outcomes.get('keeps-partial-upload')!;
    assert.deepEqual(Object.keys(failed).sort(), ['aborted-upload', 'failed-upload']);
    assert.match(
      failed['failed-upload'],
      /^conformance: a put whose source stream failed half-way to "c\d+-failed-upload\/new.bin" left "new.bin" behind in list$/,
    );
    assert.match(failed['aborted-upload'], /^conformance: an aborted put to "c\d+-aborted-upload\/new.bin" left "new.bin" behind in list$/);
  });

  test('fails a backend whose put over a directory name deletes the directory', () => {
    const { failed } = outcomes.get('replaces-directory-on-put')!;
    assert.deepEqual(Object.keys(failed), ['over-directory/put']);
    assert.match(
      failed['over-directory/put'],
      /^conformance: put\("c\d+-over-directory-put\/folder"\) over a directory deleted or changed "c\d+-over-directory-put\/folder\/inside.txt" inside the directory \(get: ERR_NOT_FOUND: no such file c\d+-over-directory-put\/folder\/inside.txt\)$/,
    );
  });

  test("fails a backend that hides a failed upload's leftover from list", () => {
    const { failed } = outcomes.get('hides-partial-upload')!;
    assert.deepEqual(Object.keys(failed).sort(), ['aborted-upload', 'failed-upload']);
    assert.match(
      failed['failed-upload'],
      /^conformance: a put whose source stream failed half-way to "c\d+-failed-upload\/new.bin" left a hidden leftover: list does not show it, but stat\("c\d+-failed-upload\/new.bin.partial"\) finds it$/,
    );
    assert.match(failed['aborted-upload'], /^conformance: an aborted put to "c\d+-aborted-upload\/new.bin" left a hidden leftover: list does not show it, but stat\(/);
  });

  test("fails a backend whose server-side copy ignores can't and returns an entry", () => {
    const { failed } = outcomes.get('copies-despite-cant')!;
    assert.deepEqual(Object.keys(failed), ['copy-from/cant']);
    assert.match(
      failed['copy-from/cant'],
      /^conformance: copyFrom\(a remote of another storage system, "f\/x.txt", "c\d+-copy-from-cant\/dst.txt"\) resolved an entry; it must answer "can't" \(undefined\) so the engine streams instead/,
    );
  });

  test('passes a remote whose options make it declare less than its type', () => {
    const { failed, passed } = outcomes.get('narrower-remote')!;
    assert.deepEqual(failed, {});
    assert.ok(passed.some((n) => n.startsWith('definition:')), 'the definition check did not run');
  });

  test('fails a remote that claims more than its type, naming the claim', () => {
    const { failed } = outcomes.get('claims-more-than-type')!;
    assert.deepEqual(Object.keys(failed), ['definition']);
    assert.match(failed['definition']!, /^conformance: the opened remote claims hash md5, beyond its definition's capabilities; a remote may do less than its type, never more/);
  });

  test('fails a backend that holds a streamed upload in memory', () => {
    const { failed } = outcomes.get('buffers-whole-file')!;
    assert.deepEqual(Object.keys(failed), ['bounded-memory']);
    assert.match(
      failed['bounded-memory'],
      /^conformance: streaming a 64 MiB file grew memory \(RSS\) by \d+\.\d MiB, over the 48 MiB limit: put or get holds the content in memory$/,
    );
  });
});
