/**
 * Google Docs have no bytes, only exports. What each Google type exports to
 * comes from `about.get(exportFormats)`; the user's export_formats option
 * picks, in its order, the first extension whose MIME type is among them
 * (rclone's findExportFormatByMimeType).
 */

/** Extension -> MIME type for the export formats Drive offers (rclone's table, less link files). */
export const EXTENSION_MIME_TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.epub': 'application/epub+zip',
  '.html': 'text/html',
  '.jpg': 'image/jpeg',
  '.json': 'application/vnd.google-apps.script+json',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.rtf': 'application/rtf',
  '.svg': 'image/svg+xml',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

export interface ExportFormat {
  extension: string;
  mimeType: string;
}

/** The export of a Google type chosen by the preferred extensions, or undefined when none is offered. */
export function chooseExport(offered: readonly string[] | undefined, preferred: readonly string[]): ExportFormat | undefined {
  if (!offered?.length) return undefined;
  for (const extension of preferred) {
    const mimeType = EXTENSION_MIME_TYPES[extension];
    if (mimeType && offered.includes(mimeType)) return { extension, mimeType };
    // Apps Script exports as its own JSON type, which the .json extension means.
    if (extension === '.json' && offered.includes('application/vnd.google-apps.script+json')) {
      return { extension, mimeType: 'application/vnd.google-apps.script+json' };
    }
  }
  return undefined;
}
