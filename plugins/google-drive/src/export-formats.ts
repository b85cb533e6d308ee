/**
 * Google Docs have no bytes, only exports. What each Google type exports to
 * comes from `about.get(exportFormats)`; the export_formats option, followed
 * by rclone's defaults, picks in its order the first extension whose MIME
 * type is among them (rclone's parseExtensions and findExportFormatByMimeType).
 */

/**
 * Extension -> the MIME type it stands for: rclone's table, read as Go's
 * mime.TypeByExtension reads it once rclone has registered it (where rclone
 * lists two types for one extension, the later registration wins).
 */
export const EXTENSION_MIME_TYPE: Readonly<Record<string, string>> = {
  '.bmp': 'image/bmp',
  '.csv': 'text/csv',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.epub': 'application/epub+zip',
  '.html': 'text/html',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.pdf': 'application/pdf',
  '.pjpeg': 'image/pjpeg',
  '.png': 'image/png',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.rtf': 'application/rtf',
  '.svg': 'image/svg+xml',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.wmf': 'application/x-msmetafile',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

/** Exports Drive names by a type of its own, and the type an extension must stand for to pick them. */
const CUSTOM_TRANSFORM: Readonly<Record<string, string>> = {
  'application/vnd.google-apps.script+json': 'application/json',
};

export interface ExportFormat {
  extension: string;
  mimeType: string;
}

/** `docx, .XLSX` -> `.docx`, `.xlsx`; an extension with no known MIME type is returned in `unknown`. */
export function parseExtensions(...lists: string[]): { extensions: string[]; unknown?: string } {
  const extensions: string[] = [];
  for (const list of lists) {
    for (const raw of list.split(',')) {
      const trimmed = raw.trim().toLowerCase();
      if (trimmed === '') continue;
      const extension = trimmed.startsWith('.') ? trimmed : `.${trimmed}`;
      if (!EXTENSION_MIME_TYPE[extension]) return { extensions, unknown: extension };
      if (!extensions.includes(extension)) extensions.push(extension);
    }
  }
  return { extensions };
}

/** The export of a Google type chosen by the preferred extensions, or undefined when none is offered. */
export function chooseExport(offered: readonly string[] | undefined, preferred: readonly string[]): ExportFormat | undefined {
  if (!offered?.length) return undefined;
  for (const extension of preferred) {
    const wanted = EXTENSION_MIME_TYPE[extension];
    const mimeType = offered.find((m) => m === wanted || CUSTOM_TRANSFORM[m] === wanted);
    if (mimeType) return { extension, mimeType };
  }
  return undefined;
}
