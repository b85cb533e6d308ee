import { createCipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '../errors/index.js';

/**
 * rclone's published fixed key (fs/config/obscure). Obscuring only keeps a
 * password from being read over a shoulder; anyone with this key reveals it.
 * We use the same key so that rclone and rsyncish read each other's values.
 */
const KEY = Buffer.from('9c935b48730a554d6bfd7c63c886a92bd390198eb8128afbf4de162b8b95f638', 'hex');
const IV_BYTES = 16;

/** AES-CTR is its own inverse: the same call encrypts and decrypts. */
function crypt(data: Buffer, iv: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-ctr', KEY, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** A random IV, then the text under AES-CTR, in unpadded base64url: rclone's `obscure` format. */
export function obscure(plain: string, iv: Buffer = randomBytes(IV_BYTES)): string {
  if (iv.length !== IV_BYTES) throw new RangeError(`obscure: the IV must be ${IV_BYTES} bytes`);
  return Buffer.concat([iv, crypt(Buffer.from(plain, 'utf8'), iv)]).toString('base64url');
}

/** The plain text of an obscured value; an error that says so when the value was not obscured. */
export function reveal(obscured: string): string {
  // Node's base64url decoder skips characters it does not know; rclone's refuses them.
  if (!/^[A-Za-z0-9_-]*$/.test(obscured) || obscured.length % 4 === 1) {
    throw new NotObscuredError('base64 decode failed when revealing password - is it obscured?');
  }
  const bytes = Buffer.from(obscured, 'base64url');
  if (bytes.length < IV_BYTES) {
    throw new NotObscuredError('input too short when revealing password - is it obscured?');
  }
  return crypt(bytes.subarray(IV_BYTES), bytes.subarray(0, IV_BYTES)).toString('utf8');
}

/** True when `value` reveals, i.e. has the obscure format (a plain password may pass by chance, as in rclone). */
export function isObscured(value: string): boolean {
  try {
    reveal(value);
    return true;
  } catch {
    return false;
  }
}

export class NotObscuredError extends ConfigError {
  constructor(message: string) {
    super(message, { hint: 'store passwords obscured: "rsyncish obscure PASSWORD" prints the value to put in the config file' });
  }
}
