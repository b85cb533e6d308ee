import { MultipartError, MultipartReader as KitReader, multipartBoundary } from '@rsyncish/emulator-kit';

export { MultipartError };

/** A form-data part: its field name and file name from Content-Disposition. */
export interface PartHeaders {
  name?: string;
  filename?: string;
  contentType?: string;
  headers: Record<string, string>;
}

export function boundaryFrom(contentType: string | undefined): string | undefined {
  return multipartBoundary(contentType, 'form-data');
}

/** Parses `form-data; name="x"; filename="a \"b\""` (Go escapes quotes with a backslash). */
function dispositionParams(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /;\s*([A-Za-z0-9_*-]+)=(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) {
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
  }
  return out;
}

function formDataPart(headers: Record<string, string>): PartHeaders {
  const disposition = headers['content-disposition'];
  if (!disposition || !/^form-data\b/i.test(disposition)) throw new MultipartError('part without Content-Disposition: form-data');
  const params = dispositionParams(disposition);
  return { name: params['name'], filename: params['filename'], contentType: headers['content-type'], headers };
}

/** A multipart/form-data reader: every part must carry Content-Disposition: form-data. */
export class MultipartReader extends KitReader<PartHeaders> {
  constructor(source: AsyncIterable<Buffer>, boundary: string) {
    super(source, boundary, formDataPart);
  }
}
