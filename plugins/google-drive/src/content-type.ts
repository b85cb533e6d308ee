/**
 * The MIME type an upload declares when the source gave none, guessed from
 * the name (rclone: fs.MimeTypeFromName). mime-types is loaded at the first
 * upload: listings and downloads never need its database.
 */
export async function contentTypeFor(name: string): Promise<string> {
  const { default: mime } = await import('mime-types');
  return mime.lookup(name) || 'application/octet-stream';
}
