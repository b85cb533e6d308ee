/** The Login with Amazon scopes rclone asks for. */
export const ACD_SCOPES = ['clouddrive:read_all', 'clouddrive:write'];
