import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseExport, parseExtensions } from './export-formats.js';

const DOCS = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf', 'text/plain'];
const SHEETS = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/x-vnd.oasis.opendocument.spreadsheet', 'text/csv'];

test('the first preferred extension the type exports to wins', () => {
  assert.deepEqual(chooseExport(DOCS, ['.xlsx', '.pdf', '.docx']), { extension: '.pdf', mimeType: 'application/pdf' });
});

test('.ods stands for application/vnd.oasis...: a Sheet offered as application/x-vnd.oasis... falls to the next, as in rclone', () => {
  assert.deepEqual(chooseExport(SHEETS, ['.ods', '.xlsx']), { extension: '.xlsx', mimeType: SHEETS[0] });
});

test('an Apps Script exports as .json through its own JSON type', () => {
  assert.deepEqual(chooseExport(['application/vnd.google-apps.script+json'], ['.json']), { extension: '.json', mimeType: 'application/vnd.google-apps.script+json' });
});

test('no export when none of the preferred formats is offered, or nothing is', () => {
  assert.equal(chooseExport(SHEETS, ['.docx', '.pptx']), undefined);
  assert.equal(chooseExport(undefined, ['.docx']), undefined);
});

test('the user\'s extensions come first, then the defaults, each once; an unknown one is named', () => {
  assert.deepEqual(parseExtensions('ODT, .csv,docx', 'docx,xlsx,pptx,svg'), { extensions: ['.odt', '.csv', '.docx', '.xlsx', '.pptx', '.svg'] });
  assert.deepEqual(parseExtensions('odt,nope'), { extensions: ['.odt'], unknown: '.nope' });
});
