/** The scopes rclone asks Dropbox for (account_info.read for `about`). */
export const DROPBOX_SCOPES = ['files.metadata.write', 'files.content.write', 'files.content.read', 'sharing.write', 'account_info.read'];
