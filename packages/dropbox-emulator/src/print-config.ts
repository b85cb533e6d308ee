/**
 * The config section that points a `type = dropbox` remote at an emulator: rclone's option
 * names where rclone has them (auth_url, token_url, client_id, client_secret) and rsyncish's
 * endpoint options for the API hosts. The token is left to the wizard's OAuth step.
 */
export function configSection(name: string, url: string, client: { clientId?: string; clientSecret?: string }): string {
  const lines = [`[${name}]`, 'type = dropbox'];
  if (client.clientId !== undefined) lines.push(`client_id = ${client.clientId}`);
  if (client.clientSecret !== undefined) lines.push(`client_secret = ${client.clientSecret}`);
  lines.push(
    `auth_url = ${url}/oauth2/authorize`,
    `token_url = ${url}/oauth2/token`,
    `api_endpoint = ${url}`,
    `content_endpoint = ${url}`,
  );
  return `${lines.join('\n')}\n`;
}
