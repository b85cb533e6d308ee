import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@rsyncish/core';
import type { S3Options } from './options.js';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The keys to sign with, or undefined for anonymous access. Like rclone: the
 * configured keys win; with env_auth the AWS environment variables, then the
 * shared credentials file. IMDS/ECS/SSO credential sources are not supported.
 */
export async function resolveCredentials(options: S3Options, env: NodeJS.ProcessEnv = process.env): Promise<S3Credentials | undefined> {
  const session = options.sessionToken || undefined;
  if (options.accessKeyId || options.secretAccessKey) {
    if (!options.accessKeyId || !options.secretAccessKey) {
      throw new ConfigError(`s3: ${options.accessKeyId ? 'secret_access_key' : 'access_key_id'} is empty but ${options.accessKeyId ? 'access_key_id' : 'secret_access_key'} is set`, {
        hint: 'set both access_key_id and secret_access_key, or neither (env_auth or anonymous access)',
      });
    }
    return { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, sessionToken: session };
  }
  if (!options.envAuth) return undefined;
  const id = env['AWS_ACCESS_KEY_ID'] ?? env['AWS_ACCESS_KEY'];
  const secret = env['AWS_SECRET_ACCESS_KEY'] ?? env['AWS_SECRET_KEY'];
  if (id && secret) return { accessKeyId: id, secretAccessKey: secret, sessionToken: env['AWS_SESSION_TOKEN'] ?? session };
  const file = env['AWS_SHARED_CREDENTIALS_FILE'] || join(env['HOME'] || homedir(), '.aws', 'credentials');
  const profile = env['AWS_PROFILE'] || env['AWS_DEFAULT_PROFILE'] || 'default';
  const fromFile = await readSharedCredentials(file, profile);
  if (fromFile) return fromFile;
  throw new ConfigError(`s3: env_auth is set but no credentials were found in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or profile "${profile}" of ${file}`, {
    hint: 'export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or set access_key_id and secret_access_key in the remote',
  });
}

/** One profile of an AWS shared credentials file (INI), or undefined when it is absent. */
export async function readSharedCredentials(file: string, profile: string): Promise<S3Credentials | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let section = '';
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    const eq = line.indexOf('=');
    if (section === profile && eq > 0) values[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  const id = values['aws_access_key_id'];
  const secret = values['aws_secret_access_key'];
  if (!id || !secret) return undefined;
  return { accessKeyId: id, secretAccessKey: secret, sessionToken: values['aws_session_token'] || undefined };
}
