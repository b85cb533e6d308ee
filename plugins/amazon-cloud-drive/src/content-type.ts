/**
 * The Content-Type an upload declares when the source gave none, guessed from
 * the name. mime-types is loaded at the first upload, not with the backend:
 * it parses its whole database and scores every type (~15 ms), which
 * downloads and listings never need.
 */
export async function contentTypeFor(name: string): Promise<string> {
  const { default: mime } = await import('mime-types');
  return mime.lookup(name) || 'application/octet-stream';
}
