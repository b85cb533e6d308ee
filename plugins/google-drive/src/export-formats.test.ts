import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseExport } from './export-formats.js';

const DOCS = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf', 'text/plain'];
const SHEETS = ['application/x-vnd.oasis.opendocument.spreadsheet', 'text/csv'];

test('the first preferred extension the type exports to wins', () => {
  assert.deepEqual(chooseExport(DOCS, ['.xlsx', '.pdf', '.docx']), { extension: '.pdf', mimeType: 'application/pdf' });
});

test('an extension matches the other MIME type Drive may name it by', () => {
  assert.deepEqual(chooseExport(SHEETS, ['.ods']), { extension: '.ods', mimeType: 'application/x-vnd.oasis.opendocument.spreadsheet' });
});

test('no export when none of the preferred formats is offered, or nothing is', () => {
  assert.equal(chooseExport(SHEETS, ['.docx', '.pptx']), undefined);
  assert.equal(chooseExport(undefined, ['.docx']), undefined);
});
