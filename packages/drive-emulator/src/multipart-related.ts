import { MultipartError, MultipartReader, multipartBoundary } from '@rsyncish/emulator-kit';

export { MultipartError };

/** A multipart/related part: Drive's uploads carry only a Content-Type per part. */
export interface RelatedPart {
  contentType?: string;
  headers: Record<string, string>;
}

/** The boundary of a multipart/related Content-Type (Drive's uploadType=multipart), or undefined. */
export function relatedBoundary(contentType: string | undefined): string | undefined {
  return multipartBoundary(contentType, 'related');
}

/** A reader of Drive's multipart upload body: a JSON metadata part, then the media part. */
export function relatedReader(source: AsyncIterable<Buffer>, boundary: string): MultipartReader<RelatedPart> {
  return new MultipartReader(source, boundary, (headers) => ({ contentType: headers['content-type'], headers }));
}
