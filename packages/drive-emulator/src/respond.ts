import type { RequestContext } from './context.js';
import { invalidParameter } from './errors.js';
import { DEFAULT_FILE_FIELDS, fileJson } from './file-json.js';
import { applyFields, FieldsError, parseFields } from './fields.js';
import type { FieldMask } from './fields.js';
import { sendJson } from './http-io.js';
import type { StoredFile } from './store/file.js';

/** The request's `fields`, or `fallback` when it names none; a bad selection is 400 on `fields`. */
export function fieldMask(fields: string | null, fallback: string): FieldMask {
  try {
    return parseFields(fields === null || fields.trim() === '' ? fallback : fields);
  } catch (err) {
    if (err instanceof FieldsError) throw invalidParameter('fields', err.message);
    throw err;
  }
}

/** Answers one File resource, cut down to the request's `fields` (or `fields` given explicitly). */
export function sendFile(ctx: RequestContext, file: StoredFile, status = 200, fields: string | null = ctx.url.searchParams.get('fields')): void {
  const mask = fieldMask(fields, DEFAULT_FILE_FIELDS);
  sendJson(ctx.res, status, applyFields(fileJson(file, ctx.origin), mask));
}
