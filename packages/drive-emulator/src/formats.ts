// What Drive offers for Google Docs, as about.get reports it (exportFormats, importFormats) and
// files.export accepts: each Docs type exports to a fixed set of MIME types.

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const PDF = 'application/pdf';

export const EXPORT_FORMATS: Record<string, string[]> = {
  'application/vnd.google-apps.document': [
    DOCX, 'application/vnd.oasis.opendocument.text', 'application/rtf', PDF, 'text/plain',
    'application/zip', 'application/epub+zip', 'text/markdown',
  ],
  'application/vnd.google-apps.spreadsheet': [
    XLSX, 'application/x-vnd.oasis.opendocument.spreadsheet', PDF, 'text/csv', 'text/tab-separated-values', 'application/zip',
  ],
  'application/vnd.google-apps.presentation': [PPTX, 'application/vnd.oasis.opendocument.presentation', PDF, 'text/plain'],
  'application/vnd.google-apps.drawing': ['image/svg+xml', 'image/png', PDF, 'image/jpeg'],
  'application/vnd.google-apps.form': ['application/zip'],
  'application/vnd.google-apps.script': ['application/vnd.google-apps.script+json'],
  'application/vnd.google-apps.jam': [PDF],
  'application/vnd.google-apps.site': ['text/plain'],
};

export const IMPORT_FORMATS: Record<string, string[]> = {
  'text/plain': ['application/vnd.google-apps.document'],
  'text/html': ['application/vnd.google-apps.document'],
  'application/rtf': ['application/vnd.google-apps.document'],
  [DOCX]: ['application/vnd.google-apps.document'],
  'application/msword': ['application/vnd.google-apps.document'],
  'text/csv': ['application/vnd.google-apps.spreadsheet'],
  [XLSX]: ['application/vnd.google-apps.spreadsheet'],
  'application/vnd.ms-excel': ['application/vnd.google-apps.spreadsheet'],
  [PPTX]: ['application/vnd.google-apps.presentation'],
  'application/vnd.ms-powerpoint': ['application/vnd.google-apps.presentation'],
  'image/png': ['application/vnd.google-apps.document'],
  'image/jpeg': ['application/vnd.google-apps.document'],
};

/** The export MIME types of a Docs type; empty for anything that is not a Docs type. */
export function exportFormatsOf(mimeType: string): string[] {
  return EXPORT_FORMATS[mimeType] ?? [];
}
