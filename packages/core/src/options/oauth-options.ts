import type { OptionDeclarations } from './define-options.js';

/**
 * The token, auth_url and token_url options every OAuth backend declares, as
 * rclone's lib/oauthutil names them; the URLs default to the provider's.
 */
export function oauthTokenOptions(authUrl: string, tokenUrl: string) {
  return {
    token: {
      help: 'OAuth Access Token as a JSON blob (written by the setup and after each refresh).',
      type: 'string',
      secret: true,
      advanced: true,
    },
    auth_url: {
      help: 'Auth server URL. Leave blank to use the provider default.',
      type: 'string',
      default: authUrl,
      advanced: true,
    },
    token_url: {
      help: 'Token server URL. Leave blank to use the provider default.',
      type: 'string',
      default: tokenUrl,
      advanced: true,
    },
  } satisfies OptionDeclarations;
}
