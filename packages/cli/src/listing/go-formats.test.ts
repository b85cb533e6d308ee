import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goJson, goJsonString } from './go-json.js';
import { rfc3339 } from './go-time.js';
import { lsfLine } from './lsf-format.js';

test('JSON strings escape as Go escapes them: <, >, &, U+2028, control bytes, lone surrogates', () => {
  assert.equal(goJsonString('<a>&b'), '"\\u003ca\\u003e\\u0026b"');
  assert.equal(goJsonString('x\u2028y\u2029'), '"x\\u2028y\\u2029"');
  assert.equal(goJsonString('\b\f\n\r\t\u0001'), '"\\u0008\\u000c\\n\\r\\t\\u0001"');
  assert.equal(goJsonString('bad\ud800end'), '"bad\ufffdend"');
  assert.equal(goJsonString('emoji \u{1f600} é'), '"emoji \u{1f600} é"');
});

test('MarshalIndent with tabs, and compact Marshal, keep the key order given', () => {
  assert.equal(goJson({ b: 1, a: [true, null], c: {} }), '{"b":1,"a":[true,null],"c":{}}');
  assert.equal(goJson({ a: 1, h: { md5: 'x' } }, '\t'), '{\n\t"a": 1,\n\t"h": {\n\t\t"md5": "x"\n\t}\n}');
});

test('RFC 3339 times carry as many fraction digits as the precision, and the zone offset', () => {
  const ms = Date.UTC(2024, 0, 2, 3, 4, 5, 123);
  const prev = process.env.TZ;
  try {
    process.env.TZ = 'UTC';
    assert.equal(rfc3339(ms, 456789, 0.000001), '2024-01-02T03:04:05.123456789Z');
    assert.equal(rfc3339(ms, 456789, 0.001), '2024-01-02T03:04:05.123456Z');
    assert.equal(rfc3339(ms, 456789, 1), '2024-01-02T03:04:05.123Z');
    assert.equal(rfc3339(ms, 0, 1000), '2024-01-02T03:04:05Z');
    assert.equal(rfc3339(ms, 0, undefined), '2024-01-02T03:04:05Z');
  } finally {
    if (prev === undefined) delete process.env.TZ;
    else process.env.TZ = prev;
  }
});

test('lsf CSV fields are quoted as Go\'s encoding/csv quotes them', () => {
  const f = { format: 'ps', separator: ',', csv: true, dirSlash: true, absolute: false };
  assert.equal(lsfLine({ path: 'we,ird "q".txt', kind: 'file', size: 1 }, {}, f, 0), '"we,ird ""q"".txt",1');
  assert.equal(lsfLine({ path: ' lead', kind: 'file', size: 2 }, {}, f, 0), '" lead",2');
  assert.equal(lsfLine({ path: 'd', kind: 'dir', size: -1 }, {}, { ...f, csv: false, separator: ';', absolute: true }, 0), '/d/;-1');
});
