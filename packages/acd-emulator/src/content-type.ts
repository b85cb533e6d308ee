// The real service sniffed types server-side; rclone always sends application/octet-stream,
// so the emulator derives the type from the extension, then the part's own Content-Type.

const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain', md: 'text/markdown', csv: 'text/csv', html: 'text/html', htm: 'text/html',
  css: 'text/css', js: 'application/javascript', json: 'application/json', xml: 'application/xml',
  pdf: 'application/pdf', zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
  heic: 'image/heic', tif: 'image/tiff', tiff: 'image/tiff', bmp: 'image/bmp', svg: 'image/svg+xml',
  mp4: 'video/mp4', mov: 'video/quicktime', mkv: 'video/x-matroska', avi: 'video/x-msvideo', webm: 'video/webm',
  mp3: 'audio/mpeg', wav: 'audio/wav', flac: 'audio/flac', ogg: 'audio/ogg', m4a: 'audio/mp4',
};

export function extensionOf(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return undefined;
  return name.slice(dot + 1).toLowerCase();
}

export function contentTypeFor(name: string | undefined, partType: string | undefined): string {
  const ext = extensionOf(name);
  if (ext && BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  const declared = partType?.split(';')[0]?.trim().toLowerCase();
  return declared && declared.includes('/') ? declared : 'application/octet-stream';
}

/** The account/usage bucket of a content type. */
export function usageCategory(contentType: string): 'photo' | 'video' | 'doc' | 'other' {
  if (contentType.startsWith('image/')) return 'photo';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('text/') || contentType === 'application/pdf' || contentType.includes('officedocument') ||
      contentType === 'application/msword' || contentType === 'application/vnd.ms-excel') return 'doc';
  return 'other';
}
