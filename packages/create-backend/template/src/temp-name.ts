import { randomBytes } from 'node:crypto';

const PREFIX = '.rsyncish-partial-';

/**
 * A put writes here first and renames over the target only when the whole
 * content arrived: a failed or aborted put never leaves a truncated file. The
 * name is short (a 255-byte target name still fits) and unique (puts run
 * concurrently), and list() hides it while a put is under way.
 */
export function tempName(): string {
  return `${PREFIX}${randomBytes(8).toString('hex')}`;
}

export function isTempName(name: string): boolean {
  return name.startsWith(PREFIX);
}
