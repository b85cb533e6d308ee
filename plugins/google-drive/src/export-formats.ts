/**
 * Google Docs have no bytes, only exports. What each Google type exports to
 * comes from `about.get(exportFormats)`; the user's export_formats option
 * picks, in its order, the first extension whose MIME type is among them
 * (rclone's findExportFormatByMimeType).
 */

/**
 * Extension -> the MIME types Drive may name that export by (rclone's table
 * with its duplicates: Drive offers ODS as application/x-vnd.oasis..., for one).
 */
export const EXTENSION_MIME_TYPES: Readonly<Record<string, readonly string[]>> = {
  '.csv': ['text/csv'],
  '.doc': ['application/msword'],
  '.docx': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  '.epub': ['application/epub+zip'],
  '.html': ['text/html'],
  '.jpg': ['image/jpeg', 'image/jpg'],
  // Apps Script exports as its own JSON type.
  '.json': ['application/json', 'application/vnd.google-apps.script+json'],
  '.md': ['text/markdown'],
  '.odp': ['application/vnd.oasis.opendocument.presentation', 'application/x-vnd.oasis.opendocument.presentation'],
  '.ods': ['application/vnd.oasis.opendocument.spreadsheet', 'application/x-vnd.oasis.opendocument.spreadsheet'],
  '.odt': ['application/vnd.oasis.opendocument.text', 'application/x-vnd.oasis.opendocument.text'],
  '.pdf': ['application/pdf'],
  '.png': ['image/png', 'image/x-png'],
  '.pptx': ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  '.rtf': ['application/rtf', 'text/rtf'],
  '.svg': ['image/svg+xml'],
  '.tsv': ['text/tab-separated-values'],
  '.txt': ['text/plain'],
  '.xls': ['application/vnd.ms-excel'],
  '.xlsx': ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  '.zip': ['application/zip'],
};

export interface ExportFormat {
  extension: string;
  mimeType: string;
}

/** The export of a Google type chosen by the preferred extensions, or undefined when none is offered. */
export function chooseExport(offered: readonly string[] | undefined, preferred: readonly string[]): ExportFormat | undefined {
  if (!offered?.length) return undefined;
  for (const extension of preferred) {
    const mimeType = EXTENSION_MIME_TYPES[extension]?.find((m) => offered.includes(m));
    if (mimeType) return { extension, mimeType };
  }
  return undefined;
}
