import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ENCODER_CASES } from './encoder-cases.js';
import { NameEncoder, PLAIN_NAME } from './encoder.js';
import { Enc, formatEncoding, parseEncoding } from './encoding-flags.js';
import { bytesToName, nameToBytes } from './invalid-bytes.js';
import { BASE_ENCODING, NameCodec } from './standard.js';

const bytes = (...b: number[]) => bytesToName(Uint8Array.from(b));
const acd = NameCodec.parse('Slash,InvalidUtf8,Dot');

test("rclone's generated encoder cases encode as rclone does and decode back", () => {
  assert.ok(ENCODER_CASES.length > 1000);
  for (const [flags, input, want] of ENCODER_CASES) {
    const enc = new NameEncoder(parseEncoding(flags));
    assert.equal(enc.encode(input), want, `${flags}: Encode(${JSON.stringify(input)})`);
    assert.equal(enc.decode(want), input, `${flags}: Decode(${JSON.stringify(want)})`);
  }
});

test("invalid UTF-8 bytes become ‛XX with InvalidUtf8 and stay raw without it (rclone's cases)", () => {
  const inv = new NameEncoder(Enc.InvalidUtf8);
  const cases: [NameEncoder, string, string][] = [
    [inv, bytes(0xbf), '‛BF'],
    [inv, bytes(0xbf, 0xfe), '‛BF‛FE'],
    [inv, `a${bytes(0xbf, 0xfe)}b`, 'a‛BF‛FEb'],
    [inv, `a${bytes(0xbf)}ξ${bytes(0xfe)}b`, 'a‛BFξ‛FEb'],
    [new NameEncoder(Enc.InvalidUtf8 | Enc.BackSlash), `a${bytes(0xbf)}\\${bytes(0xfe)}b`, 'a‛BF＼‛FEb'],
    [new NameEncoder(0), bytes(0xbf), bytes(0xbf)],
    [new NameEncoder(0), `a${bytes(0xbf, 0xfe)}b`, `a${bytes(0xbf, 0xfe)}b`],
    [inv, 'a\uFFFDb', 'a\uFFFDb'],
  ];
  for (const [enc, input, want] of cases) {
    assert.equal(enc.encode(input), want, JSON.stringify(input));
    assert.equal(enc.decode(want), input, JSON.stringify(want));
  }
});

test('a quote before anything but two hex digits or a look-alike decodes to itself', () => {
  const inv = new NameEncoder(Enc.InvalidUtf8);
  assert.equal(inv.decode('a‛XYb'), 'a‛XYb');
  assert.equal(inv.decode('a‛'), 'a‛');
  assert.equal(inv.decode('‛ab'), bytes(0xab));
  // Decoded bytes that spell UTF-8 are that text, as in Go.
  assert.equal(inv.decode('‛C3‛A9'), 'é');
});

test('a lone surrogate from a JSON API stands for its WTF-8 bytes', () => {
  assert.equal(new NameEncoder(Enc.InvalidUtf8).encode('report\uD800.txt'), 'report‛ED‛A0‛80.txt');
  assert.deepEqual([...nameToBytes(bytes(0xed, 0xa0, 0x80))], [0xed, 0xa0, 0x80]);
  assert.equal(bytesToName(Buffer.from('héllo 😀')), 'héllo 😀');
});

test('ACD names survive a trip through the standard names and back, byte for byte', () => {
  for (const stored of ['2024／01／報告書.pdf', 'a‛AB', 'report‛ED‛A0‛80.txt', 'report\uFFFD.txt', '．', '．．',
    '‛．', 'x‛‛y', '␀', 'tab\there', 'café', 'cafe\u0301', 'a‛／b', 'a␁']) {
    assert.equal(acd.fromStandard(acd.toStandard(stored)), stored, stored);
  }
  assert.equal(acd.toStandard('2024／01／報告書.pdf'), '2024／01／報告書.pdf');
  assert.equal(acd.toStandard('a‛AB'), `a${bytes(0xab)}`);
  assert.notEqual(acd.toStandard('report‛ED‛A0‛80.txt'), acd.toStandard('report\uFFFD.txt'));
  // A control character is ␁ to the engine (rclone's standard) and itself on ACD.
  assert.equal(acd.toStandard('a\u0001'), 'a␁');
  assert.equal(acd.fromStandard('a␁'), 'a\u0001');
});

test('a ‛ stored bare (it‛s) and one stored doubled as rclone writes it (it‛‛s) are two names, each spelled back as stored', () => {
  const local = NameCodec.parse('Slash,InvalidUtf8,Dot');
  for (const stored of ['it‛s', 'it‛‛s', 'Tom‛s notes.txt', 'x‛', '‛‛‛', 'a‛‛‛b', 'q‛／', 'q‛‛／']) {
    assert.equal(local.fromStandard(local.toStandard(stored)), stored, stored);
  }
  assert.equal(local.toStandard('it‛‛s'), 'it‛‛s', "rclone's spelling: rclone's standard name");
  assert.equal(local.toStandard('it‛s'), 'it‛s');
  // Both mean the same characters; across backends each keeps its spelling.
  assert.equal(acd.fromStandard(local.toStandard('it‛s')), 'it‛s');
  assert.equal(acd.fromStandard(local.toStandard('it‛‛s')), 'it‛‛s');
  assert.equal(new NameEncoder(Enc.Slash).encodeBare('it‛s'), 'it‛s');
  assert.equal(new NameEncoder(Enc.Slash).encodeBare('it‛／'), 'it‛‛‛／', 'a ‛ before a look-alike stays quoted');
});

test('encodings parse and print as rclone spells them', () => {
  assert.equal(parseEncoding('None'), 0);
  assert.equal(parseEncoding('Slash,InvalidUtf8,Dot'), BASE_ENCODING | Enc.InvalidUtf8);
  assert.equal(parseEncoding('Slash, 0x80000000'), (Enc.Slash | 0x80000000) >>> 0);
  assert.equal(formatEncoding(BASE_ENCODING | Enc.InvalidUtf8), 'Slash,InvalidUtf8,Dot');
  assert.equal(formatEncoding(Enc.Slash | Enc.Dollar | Enc.Colon), 'Slash,Dollar,Colon');
  assert.equal(formatEncoding(0), 'None');
  for (const bad of ['', 'Blerp', '0xFGFFF']) {
    assert.throws(() => parseEncoding(bad), (e: Error & { code?: string }) => e.code === 'ERR_BAD_ENCODING', bad);
  }
});

test('a plain name (letters, digits, _, -, inner dots) is one no flag changes: the fast path agrees with the per-flag checks', () => {
  const names = ['a', 'Z9', 'file000001.bin', 'my-photo_2024.tar.gz', 'x.y', '0', '_', '-', '-x-', 'a..b'];
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  for (const c of alphabet) names.push(c, `${c}${c}`, `a${c}b`, `a.${c}`);
  const flags = Object.values(Enc).filter((f) => f !== 0);
  const masks = [...flags, flags.reduce((a, b) => a | b, 0)];
  for (const name of names) {
    assert.match(name, PLAIN_NAME);
    for (const mask of masks) {
      const enc = new NameEncoder(mask) as unknown as { untouched(n: string, any: RegExp, ends: Set<string>[]): boolean; encodeAny: RegExp; decodeAny: RegExp; encodeEnds: Set<string>[]; decodeEnds: Set<string>[]; has(f: number): boolean };
      assert.ok(enc.untouched(name, enc.encodeAny, enc.encodeEnds), `${formatEncoding(mask)} would encode ${JSON.stringify(name)}`);
      assert.ok(enc.untouched(name, enc.decodeAny, enc.decodeEnds), `${formatEncoding(mask)} would decode ${JSON.stringify(name)}`);
    }
  }
  for (const name of ['.', '..', '.a', 'a.', ' a', 'a ', '~a', 'a b', 'a/b', 'a:b', 'é', '']) assert.doesNotMatch(name, PLAIN_NAME);
});
