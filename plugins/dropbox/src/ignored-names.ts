/**
 * Names the Dropbox client never syncs and the API refuses or hides
 * (help.dropbox.com "Ignored files"); rclone refuses to upload them.
 */
const IGNORED = /(^|\/)(desktop\.ini|thumbs\.db|\.ds_store|icon\r|\.dropbox|\.dropbox\.attr)$/i;

export function isIgnoredName(path: string): boolean {
  return IGNORED.test(path);
}

/** Dropbox's limit on one path element, counted in characters as rclone counts it. */
export const MAX_NAME_LENGTH = 255;

export function tooLongElement(path: string): string | undefined {
  return path.split('/').find((part) => [...part].length > MAX_NAME_LENGTH);
}
